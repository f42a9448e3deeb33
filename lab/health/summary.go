package health

import "slices"

// NodeSummary is what one round found on one node, for a status row.
type NodeSummary struct {
	Node Node `json:"-"`
	// ZooKeeper is the member's mode (leader, follower, standalone, ...)
	// or why it has none (unreachable, not serving, ...); empty on agents
	// and when ZooKeeper is switched off.
	ZooKeeper string `json:"zookeeper,omitempty"`
	// Mesos is leader, standby, "no leader" or down on a master; registered,
	// inactive, "not registered", down or unknown (no leader to ask) on an
	// agent; empty when Mesos is switched off.
	Mesos string `json:"mesos,omitempty"`
	// Up and Down name the node's services by systemd unit: up when every
	// probe of the service passed or only warned.
	Up   []string `json:"up"`
	Down []string `json:"down"`
}

// ClusterSummary is the lab as a whole.
type ClusterSummary struct {
	// Quorum is held, degraded (held with members missing), lost or
	// split (more than one leader); empty when ZooKeeper is switched off.
	Quorum string `json:"quorum,omitempty"`
	// Serving counts members that lead, follow or run standalone, out of
	// Members; Needed is the majority.
	Serving int `json:"serving"`
	Members int `json:"members"`
	Needed  int `json:"needed"`
	// ZooKeeperLeader and MesosLeader name the leaders' nodes, empty when none.
	ZooKeeperLeader string `json:"zookeeper_leader,omitempty"`
	MesosLeader     string `json:"mesos_leader,omitempty"`
	// AgentsActive counts the lab's agents registered and active with the
	// leader, out of Agents.
	AgentsActive int `json:"agents_active"`
	Agents       int `json:"agents"`
	// Frameworks names the active frameworks the leader knows.
	Frameworks []string `json:"frameworks"`
}

// Summary is a report folded per node and for the cluster.
type Summary struct {
	// Nodes follows the target: masters, then agents.
	Nodes   []NodeSummary  `json:"nodes"`
	Cluster ClusterSummary `json:"cluster"`
}

// nodeServices pairs the ID prefix of a node's checks with its service.
var nodeServices = [...]struct{ prefix, unit string }{
	{"zookeeper/", unitZooKeeper},
	{"mesos/", unitMesosMaster},
	{"mesos-agent/", unitMesosAgent},
	{"marathon/", unitMarathon},
	{"chronos/", unitChronos},
	{"mesos-dns/", unitMesosDNS},
	{"mesos-dns/dns/", unitMesosDNS},
}

// Summarize folds r, a round over t, into status rows and a cluster line.
func Summarize(t Target, r Report) Summary {
	s := Summary{Cluster: clusterSummary(t, r)}
	for _, n := range t.Masters {
		ns := servicesOf(n, r)
		for _, m := range r.ZooKeeper {
			if m.Node.Name == n.Name {
				ns.ZooKeeper = m.Mode
				if m.Problem != "" {
					ns.ZooKeeper = string(m.Problem)
				}
			}
		}
		for _, m := range r.Mesos.Masters {
			if m.Node.Name == n.Name {
				ns.Mesos = masterRole(m)
			}
		}
		s.Nodes = append(s.Nodes, ns)
	}
	for _, n := range t.Agents {
		ns := servicesOf(n, r)
		if t.Components.Mesos && len(t.Masters) > 0 {
			ns.Mesos = agentRole(n, r, slices.Contains(ns.Down, unitMesosAgent))
		}
		s.Nodes = append(s.Nodes, ns)
	}
	return s
}

// servicesOf sorts a node's services into up and down, in check order.
func servicesOf(n Node, r Report) NodeSummary {
	ns := NodeSummary{Node: n, Up: []string{}, Down: []string{}}
	for _, c := range r.Checks {
		for _, svc := range nodeServices {
			if c.ID != svc.prefix+n.Name {
				continue
			}
			up := c.Status != StatusFail
			switch {
			case slices.Contains(ns.Down, svc.unit):
			case !up:
				ns.Up = slices.DeleteFunc(ns.Up, func(u string) bool { return u == svc.unit })
				ns.Down = append(ns.Down, svc.unit)
			case !slices.Contains(ns.Up, svc.unit):
				ns.Up = append(ns.Up, svc.unit)
			}
		}
	}
	return ns
}

func masterRole(m MesosMaster) string {
	switch {
	case !m.Reached:
		return "down"
	case m.Elected:
		return "leader"
	case m.Redirect != "":
		return "standby"
	}
	return "no leader"
}

func agentRole(n Node, r Report, down bool) string {
	registered, active := false, false
	for _, a := range r.Mesos.Agents {
		if a.Node == n.Name {
			registered, active = true, active || a.Active
		}
	}
	switch {
	case active:
		return "registered"
	case registered:
		return "inactive"
	case down:
		return "down"
	case r.Mesos.Leader.Name == "":
		return "unknown"
	}
	return "not registered"
}

func clusterSummary(t Target, r Report) ClusterSummary {
	c := ClusterSummary{Agents: len(t.Agents), Frameworks: []string{}, MesosLeader: r.Mesos.Leader.Name}
	if t.Components.ZooKeeper && len(t.Masters) > 0 {
		c.Members, c.Needed = len(t.Masters), len(t.Masters)/2+1
		leaders := 0
		for _, m := range r.ZooKeeper {
			switch m.Mode {
			case "leader":
				leaders++
				c.ZooKeeperLeader = m.Node.Name
				c.Serving++
			case "follower", "standalone":
				c.Serving++
			}
		}
		quorum, _ := r.Check("zookeeper/quorum")
		switch {
		case leaders > 1:
			c.Quorum, c.ZooKeeperLeader = "split", ""
		case quorum.Status == StatusOK:
			c.Quorum = "held"
		case quorum.Status == StatusWarn:
			c.Quorum = "degraded"
		default:
			c.Quorum = "lost"
		}
	}
	var active []string
	for _, a := range r.Mesos.Agents {
		// An agent that re-registered may be listed twice.
		if a.Node != "" && a.Active && !slices.Contains(active, a.Node) {
			active = append(active, a.Node)
		}
	}
	c.AgentsActive = len(active)
	for _, f := range r.Mesos.Frameworks {
		if f.Active && !slices.Contains(c.Frameworks, f.Name) {
			c.Frameworks = append(c.Frameworks, f.Name)
		}
	}
	return c
}
