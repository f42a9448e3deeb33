package recipes

import "github.com/mesoslab/mesoslab/provision"

// component is one provisioning phase: which nodes it runs on, when the lab
// has it, and the recipe that gives each node its steps.
type component struct {
	name, what string
	on         func(Components) bool
	nodes      func(Cluster) []Node
	recipe     func(Cluster, Node) []provision.Step
}

// components is the whole provisioning, top to bottom. Each phase needs the
// one before it: Mesos needs the ZooKeeper quorum, the frameworks need an
// elected master, the agents need a leader to register with, the resolver
// needs Mesos-DNS answering.
var components = []component{
	{"base", "/etc/hosts, hostname, apt metadata", always, all, Base},
	{"zookeeper", "ZooKeeper ensemble, wait for a leader", zookeeperOn, masters, ZooKeeper},
	{"mesos-master", "mesos-master with quorum, wait for an elected leader", mesosOn, masters, MesosMaster},
	{"marathon", "Marathon under systemd, wait for /ping", marathonOn, masters, Marathon},
	{"chronos", "Chronos under systemd, wait for its API", chronosOn, masters, Chronos},
	{"mesos-dns", "Mesos-DNS on port 53 and 8123", mesosDNSOn, masters, MesosDNS},
	{"agent", "Docker and mesos-agent (docker,mesos), wait for registration", mesosOn, agents, Agent},
	{"resolver", "nodes resolve *.mesos through Mesos-DNS", mesosDNSOn, all, Resolver},
}

func always(Components) bool        { return true }
func zookeeperOn(c Components) bool { return c.ZooKeeper }
func mesosOn(c Components) bool     { return c.Mesos }
func marathonOn(c Components) bool  { return c.Marathon }
func chronosOn(c Components) bool   { return c.Chronos }
func mesosDNSOn(c Components) bool  { return c.MesosDNS }
func all(c Cluster) []Node          { return c.Nodes }
func masters(c Cluster) []Node      { return c.Masters() }
func agents(c Cluster) []Node       { return c.Agents() }

// PhaseInfo describes a phase for `mesoslab plan`.
type PhaseInfo struct {
	Name  string   `json:"name"`
	What  string   `json:"what"`
	Nodes []string `json:"nodes"`
}

// Phases lists the phases the cluster's components need, in order.
func Phases(c Cluster) []PhaseInfo {
	var out []PhaseInfo
	for _, comp := range components {
		if !comp.on(c.Components) {
			continue
		}
		info := PhaseInfo{Name: comp.name, What: comp.what}
		for _, n := range comp.nodes(c) {
			info.Nodes = append(info.Nodes, n.Name)
		}
		out = append(out, info)
	}
	return out
}

// Plan builds the provisioning plan, each node's steps run through its
// runner. A node without a runner is left out of every phase.
func Plan(c Cluster, runners map[string]provision.Runner) provision.Plan {
	var plan provision.Plan
	for _, comp := range components {
		if !comp.on(c.Components) {
			continue
		}
		// The trailing waits of each node ("the ensemble has a leader") run
		// in a phase of their own, once every node has applied its steps:
		// then nodes may also run one after another.
		ph := provision.Phase{Name: comp.name, Component: comp.name}
		ready := provision.Phase{Name: comp.name + "-ready", Component: comp.name}
		for _, n := range comp.nodes(c) {
			r, ok := runners[n.Name]
			if !ok {
				continue
			}
			steps := comp.recipe(c, n)
			i := len(steps)
			for i > 0 && provision.IsWait(steps[i-1]) {
				i--
			}
			// The lab cache seeds apt before installs and keeps what the
			// node downloaded at the end of the phase, before its waits.
			work := provision.UseCache(steps[:i], c.Cache)
			ph.Targets = append(ph.Targets, provision.Target{Node: n.Name, Runner: r, Steps: work})
			if i < len(steps) {
				ready.Targets = append(ready.Targets, provision.Target{Node: n.Name, Runner: r, Steps: steps[i:]})
			}
		}
		plan = append(plan, ph)
		if len(ready.Targets) > 0 {
			plan = append(plan, ready)
		}
	}
	return plan
}
