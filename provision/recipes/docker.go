package recipes

import (
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
