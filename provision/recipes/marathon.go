package recipes

import (
	"strconv"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/provision"
)

// Marathon returns the steps of Marathon on one master, in order: the
// Docker engine, the image from sources.marathon.image pulled ahead, a
// systemd unit that runs it on the host network with the lab's ZooKeeper
// URLs and the node's private address as hostname and LIBPROCESS_IP, its
// heap capped through JAVA_OPTS (which the image's start script passes to
// java), the unit running, and last a wait for /ping on the node. Marathon
// 1.5 and later turn each MARATHON_<FLAG> variable into --<flag>.
//
// A node that is not a master gets no steps.
func Marathon(c Cluster, n Node) []provision.Step {
	if n.Role != RoleMaster {
		return nil
	}
	image := c.Sources.MarathonImage
	pull := provision.Image(provision.ImageSpec{Image: image, Key: "sources.marathon.image"})
	unit := provision.ContainerUnit(provision.ContainerUnitSpec{
		Name: "marathon", Description: "Marathon", Image: image,
		Env: containerEnv([]envVar{
			{"MARATHON_MASTER", c.ZooKeeperURL("mesos")},
			{"MARATHON_ZK", c.ZooKeeperURL("marathon")},
			{"MARATHON_HOSTNAME", n.IP},
			{"MARATHON_HTTP_PORT", strconv.Itoa(stack.MarathonPort)},
			{"LIBPROCESS_IP", n.IP},
			// Tasks run as --mesos_user, which defaults to the user
			// Marathon runs as: nobody, in this image. Chronos's tasks
			// run as root, and so did the reference lab's Marathon tasks;
			// root keeps the two frameworks alike, and lets a workshop
			// task use host paths as it would there.
			{"MARATHON_MESOS_USER", "root"},
			{"JAVA_OPTS", xmx(c.Heaps.MarathonMB)},
		}),
	})
	return append(Docker(c, n), pull, unit,
		provision.Service(provision.ServiceSpec{Name: "marathon", Enabled: true, Running: true, RestartOn: []provision.Step{unit, pull}}),
		provision.Wait(provision.WaitSpec{
			Name:  "Marathon /ping on " + n.IP,
			Probe: provision.HTTPFromNode(stack.BaseURL(n.IP, stack.MarathonPort)+"/ping", 200),
			// A JVM and a leader election: minutes, not seconds.
			Timeout: 5 * time.Minute, Interval: 3 * time.Second,
		}),
	)
}
