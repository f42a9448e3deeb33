// Package recipes turns a lab into provisioning phases: one file per
// component (base, zookeeper, mesos-master, marathon, chronos, mesos-dns,
// agent, resolver), each returning the steps a node needs. The recipes are
// pure: they read a Cluster and build provision steps; running them is the
// engine's job.
package recipes

import (
	"strconv"

	"github.com/mesoslab/mesoslab/provision"
)

// Roles of a node.
const (
	RoleMaster = "master"
	RoleAgent  = "agent"
)

// Node is one machine as the recipes see it.
type Node struct {
	Name string
	Role string
	// IP is the private address every service binds to and advertises;
	// never the NAT interface's.
	IP string
	// ZooKeeperID is the master's myid, 1-based; 0 on agents.
	ZooKeeperID int
}

// Components says which services the lab runs.
type Components struct {
	ZooKeeper, Mesos, Marathon, Chronos, MesosDNS bool
}

// Cluster is everything the recipes need, already derived and validated by
// package lab: values here are safe to put in files, and are still quoted
// wherever they reach a shell.
type Cluster struct {
	// Name is the lab's name, used as the Mesos cluster name.
	Name string
	// Provider is "virtualbox" or "docker"; the container lab cannot do
	// everything a VM can (see the recipes that check it).
	Provider string
	// Nodes are the masters, then the agents.
	Nodes      []Node
	Components Components
	// Quorum is floor(masters/2)+1.
	Quorum int
	// ZooKeeperHosts is "ip:2181,ip:2181,..." over the masters.
	ZooKeeperHosts string
	// Sources are where components install from.
	Sources Sources
	// Heaps cap the JVMs' heaps; lab derives them from its memory budget.
	Heaps JVMHeaps
	// Cache is the host's lab cache and whether the run is offline; the
	// zero value provisions without a cache, downloading as it always did.
	Cache provision.CacheUse
}

// JVMHeaps are the maximum heaps (-Xmx) of the lab's JVMs, in MB. A JVM
// without one takes a quarter of the node's memory.
type JVMHeaps struct {
	ZooKeeperMB, MarathonMB, ChronosMB int
}

// xmx is the JVM option that caps the heap at mb MB.
func xmx(mb int) string { return "-Xmx" + strconv.Itoa(mb) + "m" }

// Sources mirrors the lab spec's install sources.
type Sources struct {
	MesosRepo, MesosKeyURL, MesosPackage, MesosVersion string
	ZooKeeperPackage, ZooKeeperVersion                 string
	DockerPackage, DockerVersion                       string
	// DockerMirror is a registry mirror's URL, or empty.
	DockerMirror                string
	MarathonImage, ChronosImage string
	// DemoImage is the image of the demo's and verify --workload's Docker
	// task; agents pull it ahead so that task does not wait on a registry.
	DemoImage string
	// MesosDNSPackage is a package of the Mesos repository; when it is
	// empty, MesosDNSURL is a release binary's URL template.
	MesosDNSPackage, MesosDNSVersion, MesosDNSURL string
}

// Masters returns the master nodes in order.
func (c Cluster) Masters() []Node { return c.byRole(RoleMaster) }

// Agents returns the agent nodes in order.
func (c Cluster) Agents() []Node { return c.byRole(RoleAgent) }

func (c Cluster) byRole(role string) []Node {
	var out []Node
	for _, n := range c.Nodes {
		if n.Role == role {
			out = append(out, n)
		}
	}
	return out
}

// ZooKeeperURL is the connect string zk://ip:2181,.../CHROOT.
func (c Cluster) ZooKeeperURL(chroot string) string {
	return "zk://" + c.ZooKeeperHosts + "/" + chroot
}
