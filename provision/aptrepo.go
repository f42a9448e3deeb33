package provision

import (
	"context"
	"regexp"
	"strings"
	"time"
)

// SignedRepoSpec is a third-party apt repository whose signing key is
// fetched at provision time, and the spec keys its errors name.
type SignedRepoSpec struct {
	// Name names the files: /etc/apt/keyrings/mesoslab-NAME.asc and
	// /etc/apt/sources.list.d/mesoslab-NAME.list.
	Name string
	// Repo is "URL SUITE COMPONENT..." as in the lab spec.
	Repo string
	// KeyURL is where the ASCII-armored signing key is fetched from.
	KeyURL string
	// Package is a package the repository must offer, and Version its
	// pinned version or empty; they prove the package lists are usable.
	Package, Version string
	// RepoKey, KeyURLKey, PackageKey and VersionKey are the mesoslab.yaml
	// keys of the fields above ("sources.mesos.repo", ...).
	RepoKey, KeyURLKey, PackageKey, VersionKey string
	// Alternative, when set, is the other source a user can turn to when
	// the repository lacks the package; the error's fix names it too.
	Alternative string
}

// SignedRepo returns the steps that make a signed third-party repository
// usable, in order: curl, gpg and CA certificates; the signing key, fetched
// with curl into /etc/apt/keyrings/ and refused once expired; the source
// list that names it with signed-by=; and the repository's package lists,
// refreshed when the key or source changed or the package is unknown. A
// source that cannot be reached, an expired key and a missing package fail
// with a *SourceError naming the spec key to change.
func SignedRepo(spec SignedRepoSpec) []Step {
	keyring := "/etc/apt/keyrings/mesoslab-" + spec.Name + ".asc"
	key := &aptKeyStep{spec: spec, keyring: keyring, marker: "/var/lib/mesoslab/apt-key-" + spec.Name + ".url", owner: "root:root"}
	list := File(FileSpec{
		Path: "/etc/apt/sources.list.d/mesoslab-" + spec.Name + ".list",
		Content: []byte("# Written by mesoslab from " + spec.RepoKey + " and " + spec.KeyURLKey + ".\n" +
			"deb [signed-by=" + keyring + "] " + strings.Join(strings.Fields(spec.Repo), " ") + "\n"),
		Mode: 0o644, Owner: "root:root",
	})
	return []Step{
		Package(PackageSpec{Names: []string{"ca-certificates", "curl", "gpg"}}),
		key,
		list,
		&aptListsStep{spec: spec, list: "/etc/apt/sources.list.d/mesoslab-" + spec.Name + ".list", watches: []Step{key, list}},
	}
}

// aptListsStep keeps the repository's package lists current. Its Check
// asks apt-cache for the package; it reacts to a new key or source line by
// refreshing the lists even though stale lists still know the package.
type aptListsStep struct {
	spec    SignedRepoSpec
	list    string
	watches []Step
	// offline never runs apt-get update: the lists come from the cache.
	offline bool
}

func (a *aptListsStep) Name() string { return "apt lists of " + a.list }

// Watches returns the key and source list steps.
func (a *aptListsStep) Watches() []Step { return a.watches }

func (a *aptListsStep) pkg() string {
	if a.spec.Version != "" {
		return a.spec.Package + "=" + a.spec.Version
	}
	return a.spec.Package
}

func (a *aptListsStep) Check(ctx context.Context, r Runner) (bool, error) {
	_, err := r.Run(ctx, Command{Cmd: "apt-cache show --no-all-versions " + Quote(a.pkg()) + " >/dev/null 2>&1"})
	if ExitStatus(err) > 0 {
		return false, nil
	}
	return err == nil, err
}

func (a *aptListsStep) Apply(ctx context.Context, r Runner) error {
	if a.offline {
		return &SourceError{Key: a.spec.RepoKey, Value: a.spec.Repo, Problem: "offline, and the cached apt lists do not offer " + a.pkg(),
			Fix: "run one `mesoslab up` online with these sources to fill the cache, or `mesoslab cache import FILE`"}
	}
	if err := a.React(ctx, r); err != nil {
		return err
	}
	if ok, err := a.Check(ctx, r); err != nil || ok {
		return err
	}
	key, value, fix := a.spec.PackageKey, a.spec.Package, "set "+a.spec.PackageKey+" to a package that "+a.spec.RepoKey+" offers"
	if a.spec.Version != "" {
		key, value, fix = a.spec.VersionKey, a.spec.Version, "set "+a.spec.VersionKey+" to a version the repository offers (apt-cache policy "+
			a.spec.Package+" lists them), or leave it empty for the newest"
	}
	if a.spec.Alternative != "" {
		fix += "; or " + a.spec.Alternative
	}
	return &SourceError{Key: key, Value: value, Problem: a.pkg() + " is not in the repository " + a.spec.Repo, Fix: fix}
}

// React refreshes only this repository's lists: apt-get update over the
// one source file, so that its failures are this source's and the rest of
// the node's lists stay as they are.
func (a *aptListsStep) React(ctx context.Context, r Runner) error {
	if a.offline {
		return nil // the seeded lists already name the new source
	}
	cmd := "apt-get update " + QuoteAll("-o", "Dir::Etc::sourcelist="+a.list, "-o", "Dir::Etc::sourceparts=-",
		"-o", "APT::Get::List-Cleanup=0", "-o", "DPkg::Lock::Timeout=120")
	res, err := r.Run(ctx, Command{Cmd: cmd, Sudo: true, Timeout: 10 * time.Minute})
	if ExitStatus(err) < 0 && err != nil {
		return err
	}
	return a.explain(string(res.Stdout)+string(res.Stderr), err)
}

var (
	aptKeyExpired = regexp.MustCompile(`EXPKEYSIG|KEYEXPIRED`)
	aptBadKey     = regexp.MustCompile(`NO_PUBKEY|BADSIG|is not signed|signatures were invalid|signatures couldn't be verified`)
	aptNoSource   = regexp.MustCompile(`Failed to fetch|Could not resolve|Unable to connect|Could not connect|Connection failed|Temporary failure|does not have a Release file|404\s+Not Found`)
)

// explain turns apt-get update's complaints about the repository into a
// *SourceError; apt reports an unreachable source only as a warning, with
// exit status 0, so the output decides.
func (a *aptListsStep) explain(out string, err error) error {
	s := a.spec
	switch {
	case aptKeyExpired.MatchString(out):
		return &SourceError{Key: s.KeyURLKey, Value: s.KeyURL, Problem: "the repository is signed with an expired key",
			Fix: "set " + s.KeyURLKey + " to the repository's current key, or point " + s.RepoKey + " at a mirror signed with a valid key", Err: err}
	case aptBadKey.MatchString(out):
		return &SourceError{Key: s.KeyURLKey, Value: s.KeyURL, Problem: "the repository " + s.Repo + " is not signed by this key",
			Fix: "set " + s.KeyURLKey + " to the key that signs " + s.RepoKey, Err: err}
	case aptNoSource.MatchString(out):
		return &SourceError{Key: s.RepoKey, Value: s.Repo, Problem: "apt cannot fetch the repository: " + firstMatchLine(out, aptNoSource),
			Fix: "check that the nodes reach it, or set " + s.RepoKey + " in mesoslab.yaml to a reachable mirror as \"URL SUITE COMPONENT\"", Err: err}
	case err != nil:
		return &SourceError{Key: s.RepoKey, Value: s.Repo, Problem: "apt-get update fails for it",
			Fix: "check " + s.RepoKey + " (\"URL SUITE COMPONENT\") and " + s.KeyURLKey, Err: err}
	}
	return nil
}

// firstMatchLine returns the first line of out that re matches, trimmed.
func firstMatchLine(out string, re *regexp.Regexp) string {
	for _, line := range strings.Split(out, "\n") {
		if re.MatchString(line) {
			return strings.TrimSpace(line)
		}
	}
	return ""
}
