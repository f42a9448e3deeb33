package health

import (
	"fmt"
	"strings"
	"time"
)

// leaderCheck decides the Mesos leader: exactly one master reports
// master/elected=1 and every master that answers redirects to it. It
// returns the leader when exactly one master is elected, even if another
// master disagrees, so agents and frameworks can still be read from it.
func (r *round) leaderCheck(probes []masterProbe) (Node, Check) {
	const id = "mesos/leader"
	var took time.Duration
	var elected []Node
	reached := 0
	for _, p := range probes {
		took = max(took, p.took)
		if p.master.Reached {
			reached++
		}
		if p.master.Elected {
			elected = append(elected, p.master.Node)
		}
	}
	first := r.t.Masters[0].Name
	switch {
	case reached == 0:
		return Node{}, fail(id, took, journalFix(first, unitMesosMaster), "no Mesos master answers")
	case len(elected) == 0:
		return Node{}, fail(id, took, journalFix(first, unitMesosMaster)+" (the masters elect through ZooKeeper; see zookeeper/quorum)",
			"no Mesos master is elected (%d of %d masters answer)", reached, len(probes))
	case len(elected) > 1:
		return Node{}, fail(id, took, journalFix(elected[0].Name, unitMesosMaster)+" (each master's --zk must name the same ZooKeeper path)",
			"split brain: %s report master/elected=1", names(elected))
	}
	leader := elected[0]
	var disagree []string
	for _, p := range probes {
		if !p.master.Reached || p.err != nil {
			continue
		}
		name := p.master.Node.Name
		if p.noLeader {
			disagree = append(disagree, name+" knows no leader")
			continue
		}
		_, host, _ := locationHost("//" + p.master.Redirect)
		target, found := NodeByHost(r.t.Masters, host)
		switch {
		case !found:
			disagree = append(disagree, fmt.Sprintf("%s redirects to %s, not a master of this lab", name, p.master.Redirect))
		case target.Name != leader.Name:
			disagree = append(disagree, fmt.Sprintf("%s redirects to %s", name, target.Name))
		}
	}
	if len(disagree) > 0 {
		return leader, fail(id, took, journalFix(leader.Name, unitMesosMaster)+" (a master's --hostname must be its lab name or address)",
			"%s is elected but %s", leader.Name, strings.Join(disagree, ", "))
	}
	return leader, ok(id, took, "%s (%s) leads; %d of %d masters answer and agree", leader.Name, leader.Addr, reached, len(probes))
}

// names joins node names for a finding.
func names(nodes []Node) string {
	s := make([]string, len(nodes))
	for i, n := range nodes {
		s[i] = n.Name
	}
	return strings.Join(s, " and ")
}
