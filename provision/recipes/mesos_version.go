package recipes

import (
	"context"
	"fmt"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/provision"
)

// aventerMesos is AVENTER's Mesos package, whose version mesosVersionStep
// checks; another package (sources.mesos.package) numbers its own.
const aventerMesos = stack.AventerMesosPackage

// minAventerMesos is the oldest aventer-mesos the lab runs on; validation
// refuses an older pin, and this step what an unpinned install brought.
const minAventerMesos = stack.MinAventerMesos

// mesosVersionStep checks the installed aventer-mesos after the package
// step. It changes nothing: when the version is too old, Apply fails with a
// SourceError that names the keys to change. An unpinned package takes the
// newest version of the repository's suite, which may be an old build.
type mesosVersionStep struct{ spec provision.SignedRepoSpec }

func (s *mesosVersionStep) Name() string {
	return s.spec.Package + " " + minAventerMesos + " or later installed"
}

// installed returns the package's installed version, or "" when dpkg has
// none.
func (s *mesosVersionStep) installed(ctx context.Context, r provision.Runner) (string, error) {
	v, err := provision.InstalledVersions(ctx, r, s.spec.Package)
	return v[s.spec.Package], err
}

func (s *mesosVersionStep) Check(ctx context.Context, r provision.Runner) (bool, error) {
	v, err := s.installed(ctx, r)
	return v != "" && provision.CompareDebianVersions(v, minAventerMesos) >= 0, err
}

func (s *mesosVersionStep) Apply(ctx context.Context, r provision.Runner) error {
	v, err := s.installed(ctx, r)
	if err != nil {
		return err
	}
	if v == "" {
		return fmt.Errorf("%s is not installed although its package step passed", s.spec.Package)
	}
	key, value := s.spec.RepoKey, s.spec.Repo
	if s.spec.Version != "" {
		key, value = s.spec.VersionKey, s.spec.Version
	}
	return &provision.SourceError{
		Key: key, Value: value,
		Problem: fmt.Sprintf("it installed %s %s, older than %s, the first build whose Mesos paths are right on Debian 12",
			s.spec.Package, v, minAventerMesos),
		Fix: fmt.Sprintf("set %s to %s or later (apt-cache policy %s on a node lists what %s offers), or point %s at a repository that has one",
			s.spec.VersionKey, minAventerMesos, s.spec.Package, s.spec.RepoKey, s.spec.RepoKey),
	}
}
