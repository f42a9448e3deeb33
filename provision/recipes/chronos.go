package recipes

import (
	"strconv"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/provision"
)

// Chronos returns the steps of Chronos on one master, in the pattern of
// Marathon: the Docker engine, the image from sources.chronos.image, a
// systemd unit on the host network with its heap capped through JVM_OPTS
// (the image's start script runs `java $JVM_OPTS`), the unit running, and
// last a wait for
// the jobs endpoint of Chronos 3 (/v1/scheduler/jobs). Chronos takes its
// ZooKeeper hosts as a plain host:port list, not a zk:// URL, and the Mesos
// master as a zk:// URL.
//
// A node that is not a master gets no steps.
func Chronos(c Cluster, n Node) []provision.Step {
	if n.Role != RoleMaster {
		return nil
	}
	image := c.Sources.ChronosImage
	pull := provision.Image(provision.ImageSpec{Image: image, Key: "sources.chronos.image"})
	unit := provision.ContainerUnit(provision.ContainerUnitSpec{
		Name: "chronos", Description: "Chronos", Image: image,
		// The image's entrypoint (bin/start.sh) appends --http_port $PORT0
		// itself and takes its libprocess port from PORT1, so the HTTP
		// port is given there: a second --http_port would repeat the flag.
		Env: containerEnv([]envVar{
			{"PORT0", strconv.Itoa(stack.ChronosPort)},
			{"PORT1", "4401"},
			{"LIBPROCESS_IP", n.IP},
			{"JVM_OPTS", xmx(c.Heaps.ChronosMB)},
		}),
		Args: []string{
			"--master", c.ZooKeeperURL("mesos"),
			"--zk_hosts", c.ZooKeeperHosts,
			"--hostname", n.IP,
		},
	})
	return append(Docker(c, n), pull, unit,
		provision.Service(provision.ServiceSpec{Name: "chronos", Enabled: true, Running: true, RestartOn: []provision.Step{unit, pull}}),
		provision.Wait(provision.WaitSpec{
			Name:    "Chronos jobs API on " + n.IP,
			Probe:   provision.HTTPFromNode(stack.BaseURL(n.IP, stack.ChronosPort)+stack.ChronosAPIs[0]+"/jobs", 200),
			Timeout: 5 * time.Minute, Interval: 3 * time.Second,
		}),
	)
}
