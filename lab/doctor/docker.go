package doctor

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/go-version"
)

// minDocker is the oldest engine the container lab has run on (Debian 12's
// docker.io is 20.10).
const minDocker = "20.10.0"

// dockerFacts is the engine's answer to `docker version`.
type dockerFacts struct {
	Path   string
	Server string
	Raw    string
}

func (p *probe) docker(ctx context.Context) (dockerFacts, error) {
	return p.dock.get(ctx, func(ctx context.Context) (dockerFacts, error) {
		path, err := p.h.LookPath("docker")
		if err != nil {
			return dockerFacts{}, err
		}
		out, err := p.h.Run(ctx, Command{Name: path, Args: []string{"version", "--format", "{{.Server.Version}}"}, Timeout: commandTimeout})
		f := dockerFacts{Path: path, Server: strings.TrimSpace(out.Stdout), Raw: strings.TrimSpace(out.Combined())}
		if err == nil && f.Server == "" {
			err = fmt.Errorf("docker version printed no server version")
		}
		return f, err
	})
}

// checkDocker checks that the Docker engine answers, and its version.
func checkDocker(ctx context.Context, p *probe, lab Lab) finding {
	f, err := p.docker(ctx)
	switch {
	case isNotFound(err):
		return finding{StatusFail, "Docker is not installed (no `docker` on PATH)", installDocker(p.h.OS())}
	case err != nil:
		return finding{StatusFail, "the Docker engine does not answer: " + firstLine(f.Raw, err), startDocker(p.h.OS())}
	}
	v, perr := version.NewVersion(strings.TrimPrefix(f.Server, "v"))
	if perr != nil {
		return finding{StatusWarn, fmt.Sprintf("Docker engine answers, but its version %q is not readable", f.Server),
			"check `docker version`"}
	}
	if !atLeast(v.Core(), minDocker) {
		return finding{StatusWarn, fmt.Sprintf("Docker engine %s is older than %s", f.Server, minDocker), "upgrade Docker"}
	}
	return ok("Docker engine " + f.Server + " answers")
}

// checkNodeImage checks that the container lab's node image was built here:
// there is no registry to pull it from.
func checkNodeImage(ctx context.Context, p *probe, lab Lab) finding {
	if lab.DockerImage == "" {
		return finding{StatusFail, "the lab names no node image", "set the docker image in the lab's configuration"}
	}
	df, err := p.docker(ctx)
	if err != nil {
		return finding{StatusFail, fmt.Sprintf("cannot look for image %s: the Docker engine does not answer", lab.DockerImage),
			"fix the docker check first"}
	}
	out, err := p.h.Run(ctx, Command{Name: df.Path, Args: []string{"image", "inspect", "--format", "{{.Id}}", lab.DockerImage},
		Timeout: commandTimeout})
	if err != nil {
		if strings.Contains(strings.ToLower(out.Combined()), "no such image") {
			return finding{StatusFail, "node image " + lab.DockerImage + " is not built yet",
				"build it with `scripts/build-node-image.sh`"}
		}
		return finding{StatusFail, "cannot inspect image " + lab.DockerImage + ": " + firstLine(out.Combined(), err),
			"check `docker image inspect " + lab.DockerImage + "`"}
	}
	return ok(fmt.Sprintf("node image %s is present (%s)", lab.DockerImage, shortID(out.Stdout)))
}

func shortID(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "sha256:")
	return s[:min(12, len(s))]
}

// firstLine returns the first line of a tool's message, or err when the
// tool printed nothing.
func firstLine(s string, err error) string {
	if l, _, _ := strings.Cut(strings.TrimSpace(s), "\n"); l != "" {
		return l
	}
	return err.Error()
}

func installDocker(goos string) string {
	if goos == "linux" {
		return "install it: on Debian/Ubuntu `sudo apt-get install docker.io`, then start the engine"
	}
	return "install Docker Desktop and start it"
}

func startDocker(goos string) string {
	if goos == "linux" {
		return "start the engine: `sudo systemctl start docker` (or run `sudo dockerd` where there is no systemd), and make sure your user may use /var/run/docker.sock"
	}
	return "start Docker Desktop and wait until it says the engine is running"
}
