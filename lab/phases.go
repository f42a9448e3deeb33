package lab

// Phase is one provisioning phase as the plan announces it: a barrier
// separates phases, and the nodes of a phase run concurrently.
type Phase struct {
	Name  string   `json:"name"`
	What  string   `json:"what"`
	Nodes []string `json:"nodes"`
}

// Phases lists the provisioning phases the plan's components need, in the
// order they run: each one needs the one before it up (Mesos needs the
// ZooKeeper quorum, the frameworks need an elected master, the agents need
// a leader to register with, the resolver needs Mesos-DNS answering).
func (p *Plan) Phases() []Phase {
	c := p.Spec.Components
	masters, agents, all := names(p.Masters()), names(p.Agents()), p.NodeNames()
	phases := []Phase{{Name: "base", What: "/etc/hosts, hostname, apt metadata", Nodes: all}}
	add := func(on bool, name, what string, nodes []string) {
		if on {
			phases = append(phases, Phase{Name: name, What: what, Nodes: nodes})
		}
	}
	add(c.ZooKeeper, "zookeeper", "ZooKeeper ensemble, wait for a leader", masters)
	add(c.Mesos, "mesos-master", "mesos-master with quorum, wait for an elected leader", masters)
	add(c.Marathon, "marathon", "Marathon under systemd, wait for /ping", masters)
	add(c.Chronos, "chronos", "Chronos under systemd, wait for its API", masters)
	add(c.MesosDNS, "mesos-dns", "Mesos-DNS on port 53 and 8123", masters)
	add(c.Mesos, "agent", "Docker and mesos-agent (docker,mesos), wait for registration", agents)
	add(c.MesosDNS, "resolver", "nodes resolve *.mesos through Mesos-DNS", all)
	return phases
}

func names(nodes []Node) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = n.Name
	}
	return out
}
