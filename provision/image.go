package provision

import (
	"context"
	"regexp"
	"time"
)

// ImageSpec is an image a node must hold, and the spec key its errors name.
type ImageSpec struct {
	// Image is the reference to pull, as docker pull takes it.
	Image string
	// Key is the lab spec key that sets the image, such as
	// "sources.marathon.image".
	Key string
	// Cache, when set, holds `docker save` of the image by reference: a
	// cached image is loaded instead of pulled, and a pulled one is saved.
	Cache Cache
	// Flight makes the nodes of a lab pull each image once: the first pulls
	// and saves it, the others wait and load it. Nil pulls on every node.
	Flight *ImageFlight
	// Manifest records the image for `up --offline`; it may be nil.
	Manifest *Manifest
	// Offline never pulls: the image comes from the cache or the step fails.
	Offline bool
}

// Image returns a step that pulls an image at provision time, so that a
// unit's start does not wait on a registry and a missing image fails here:
// a pull that fails is a *SourceError naming the spec key, with what the
// registry's complaint means.
func Image(spec ImageSpec) Step { return &imageStep{image: spec.Image, key: spec.Key, spec: spec} }

type imageStep struct {
	image string
	key   string
	spec  ImageSpec
}

func (s *imageStep) Name() string { return "image " + s.image }

func (s *imageStep) Check(ctx context.Context, r Runner) (bool, error) {
	_, err := r.Run(ctx, Command{Cmd: "docker image inspect " + Quote(s.image) + " >/dev/null 2>&1", Sudo: true})
	if ExitStatus(err) > 0 {
		return false, nil
	}
	return err == nil, err
}

func (s *imageStep) Apply(ctx context.Context, r Runner) error {
	if s.spec.Cache == nil {
		return s.pull(ctx, r)
	}
	return s.viaCache(ctx, r)
}

// pull runs docker pull and explains its failure.
func (s *imageStep) pull(ctx context.Context, r Runner) error {
	_, err := r.Run(ctx, Command{Cmd: "docker pull " + Quote(s.image), Sudo: true, Timeout: 30 * time.Minute})
	if ExitStatus(err) <= 0 {
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
