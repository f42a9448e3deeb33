package recipes

import (
	"encoding/json"

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
	steps := []provision.Step{provision.Package(provision.PackageSpec{Names: []string{name}})}
	var restartOn []provision.Step
	if c.Sources.DockerMirror != "" {
		conf := provision.File(provision.FileSpec{Path: DockerDaemonJSON, Content: DaemonJSON(c.Sources.DockerMirror), Mode: 0o644, Owner: "root:root"})
		steps, restartOn = append(steps, conf), []provision.Step{conf}
	}
	return append(steps, provision.Service(provision.ServiceSpec{Name: "docker", Enabled: true, Running: true, RestartOn: restartOn}))
}

// DockerDaemonJSON is dockerd's configuration file.
const DockerDaemonJSON = "/etc/docker/daemon.json"

// DaemonJSON is the daemon.json that makes dockerd pull through mirror;
// dockerd reads it only at start, so the Service step restarts it.
func DaemonJSON(mirror string) []byte {
	b, _ := json.MarshalIndent(map[string][]string{"registry-mirrors": {mirror}}, "", "  ")
	return append(b, '\n')
}

// envVar is one environment variable of a unit or container.
type envVar struct{ name, value string }

// containerEnv is vars as provision.ContainerUnitSpec takes them.
func containerEnv(vars []envVar) []provision.EnvVar {
	out := make([]provision.EnvVar, len(vars))
	for i, v := range vars {
		out[i] = provision.EnvVar{Name: v.name, Value: v.value}
	}
	return out
}
