package workshop

import (
	"fmt"
	"strings"

	"github.com/mesoslab/mesoslab/lab/health"
)

// The ZooKeeper modes a serving member reports.
const (
	modeLeader   = "leader"
	modeFollower = "follower"
	// modeStandalone is the one member of a one-master lab.
	modeStandalone = "standalone"
)

// zkMembers are the nodes of the ZooKeeper ensemble the report probed.
func zkMembers(rep health.Report) []health.Node {
	var out []health.Node
	for _, m := range rep.ZooKeeper {
		out = append(out, m.Node)
	}
	return out
}

// mesosMasters are the nodes of the Mesos masters the report probed.
func mesosMasters(rep health.Report) []health.Node {
	var out []health.Node
	for _, m := range rep.Mesos.Masters {
		out = append(out, m.Node)
	}
	return out
}

// zkLeader returns the member that says it leads.
func zkLeader(rep health.Report) (health.ZooKeeperMember, bool) {
	for _, m := range rep.ZooKeeper {
		if m.Mode == modeLeader {
			return m, true
		}
	}
	return health.ZooKeeperMember{}, false
}

// zkMember returns the member on the named node.
func zkMember(rep health.Report, node string) (health.ZooKeeperMember, bool) {
	for _, m := range rep.ZooKeeper {
		if m.Node.Name == node {
			return m, true
		}
	}
	return health.ZooKeeperMember{}, false
}

// zkState is one member's mode, or why it has none.
func zkState(m health.ZooKeeperMember) string {
	if m.Mode != "" {
		return m.Mode
	}
	if m.Problem != "" {
		return string(m.Problem)
	}
	return "no answer"
}

// zkModes renders every member's state: "master1 leader, master2 not serving".
func zkModes(rep health.Report) string {
	var parts []string
	for _, m := range rep.ZooKeeper {
		parts = append(parts, m.Node.Name+" "+zkState(m))
	}
	if len(parts) == 0 {
		return "no ZooKeeper member probed"
	}
	return strings.Join(parts, ", ")
}

// mesosMaster returns the named master's own view.
func mesosMaster(rep health.Report, node string) (health.MesosMaster, bool) {
	for _, m := range rep.Mesos.Masters {
		if m.Node.Name == node {
			return m, true
		}
	}
	return health.MesosMaster{}, false
}

// mesosLeader renders the Mesos leader for status lines.
func mesosLeader(rep health.Report) string {
	if rep.Mesos.Leader.Name == "" {
		return "no Mesos leader"
	}
	return "Mesos leader " + rep.Mesos.Leader.Name
}

// others lists the names of nodes other than skip.
func others(nodes []health.Node, skip ...string) string {
	var out []string
	for _, n := range nodes {
		keep := true
		for _, s := range skip {
			if n.Name == s {
				keep = false
			}
		}
		if keep {
			out = append(out, n.Name)
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}

// firstOther names the first node that is not skip, for hints that need
// one node to look at.
func firstOther(nodes []health.Node, skip string) string {
	for _, n := range nodes {
		if n.Name != skip {
			return n.Name
		}
	}
	return skip
}

// journal is the hint to read a unit's log on a node.
func journal(node, unit string) string {
	return fmt.Sprintf("see `mesoslab ssh %s -- sudo journalctl -u %s`", node, unit)
}
