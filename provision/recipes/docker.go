package recipes

import (
	"context"
	"regexp"
	"time"

	"github.com/mesoslab/mesoslab/provision"
)

// Docker returns the steps that install the Docker engine from the lab's
// Docker source (Debian's docker.io by default, whose 20.10 predates the
// image-inspect changes that break Mesos 1.11's Docker containerizer) and
// keep it enabled and running. Agents run tasks in it; masters run Marathon
// and Chronos in it. Every node gets the same engine, so n is unused.
func Docker(c Cluster, n Node) []provision.Step {
	name := c.Sources.DockerPackage
	if v := c.Sources.DockerVersion; v != "" {
		name += "=" + v
	}
	return []provision.Step{
		provision.Package(provision.PackageSpec{Names: []string{name}}),
		provision.Service(provision.ServiceSpec{Name: "docker", Enabled: true, Running: true}),
	}
}

// imageStep pulls an image at provision time, so that a unit's start does
// not wait on a registry and a missing image fails here, naming its key.
type imageStep struct {
	image string
	key   string // lab spec key of the image, "sources.marathon.image"
}

func (s *imageStep) Name() string { return "image " + s.image }

func (s *imageStep) Check(ctx context.Context, r provision.Runner) (bool, error) {
	_, err := r.Run(ctx, provision.Command{Cmd: "docker image inspect " + provision.Quote(s.image) + " >/dev/null 2>&1", Sudo: true})
	if exitCode(err) > 0 {
		return false, nil
	}
	return err == nil, err
}

func (s *imageStep) Apply(ctx context.Context, r provision.Runner) error {
	_, err := r.Run(ctx, provision.Command{Cmd: "docker pull " + provision.Quote(s.image), Sudo: true, Timeout: 30 * time.Minute})
	if exitCode(err) <= 0 {
		return err
	}
	return &SourceError{Key: s.key, Value: s.image, Problem: pullProblem(err.Error()),
		Fix: "set " + s.key + " in mesoslab.yaml to an image the nodes can pull (from a registry mirror, or a tag that exists), " +
			"or load it on the nodes with docker load before provisioning", Err: err}
}

// pullProblems maps docker pull's complaints to what they mean for the lab.
var pullProblems = []struct {
	re      *regexp.Regexp
	problem string
}{
	{regexp.MustCompile(`no matching manifest`), "the image has no build for this node's architecture (the Mesosphere images are amd64 only)"},
	{regexp.MustCompile(`toomanyrequests|rate limit`), "the registry refuses more pulls for now (pull rate limit)"},
	{regexp.MustCompile(`manifest unknown|not found|does not exist|repository .* not found`), "the registry has no such image or tag"},
	{regexp.MustCompile(`dial tcp|lookup |connection refused|i/o timeout|no such host|TLS handshake`), "the registry cannot be reached"},
}

func pullProblem(out string) string {
	for _, p := range pullProblems {
		if p.re.MatchString(out) {
			return p.problem
		}
	}
	return "docker pull failed"
}
