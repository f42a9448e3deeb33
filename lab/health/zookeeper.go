package health

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// zkProbe is one member's srvr outcome.
type zkProbe struct {
	member ZooKeeperMember
	err    error
	took   time.Duration
}

// probeZooKeeper asks one master's ZooKeeper for srvr.
func (r *round) probeZooKeeper(ctx context.Context, n Node) zkProbe {
	ctx, cancel := r.bounded(ctx)
	defer cancel()
	res := zkProbe{member: ZooKeeperMember{Node: n}}
	res.took = timed(func() {
		answer, err := stack.FourLetter(ctx, r.dial, n.Addr, r.t.Ports.ZooKeeper, "srvr")
		if err != nil {
			res.member.Problem, res.err = ZKUnreachable, err
			return
		}
		stats, err := stack.ParseSrvr(answer)
		switch {
		case errors.Is(err, stack.ErrNotServing):
			res.member.Problem = ZKNotServing
		case errors.Is(err, stack.ErrNotWhitelisted):
			res.member.Problem = ZKNotWhitelisted
		case err != nil:
			res.member.Problem, res.err = ZKBadAnswer, err
		default:
			res.member.Mode = stats.Mode
			res.member.Zxid = stats.Zxid
			res.member.NodeCount = stats.NodeCount
			res.member.Version = stats.Version
		}
	})
	return res
}

// zkMemberCheck grades one member on its own; the ensemble as a whole is
// graded by zkQuorumCheck.
func (r *round) zkMemberCheck(p zkProbe) Check {
	m := p.member
	id := "zookeeper/" + m.Node.Name
	where := fmt.Sprintf("ZooKeeper on %s (%s)", m.Node.Name, net.JoinHostPort(m.Node.Addr, strconv.Itoa(r.t.Ports.ZooKeeper)))
	logs := journalFix(m.Node.Name, unitZooKeeper)
	switch m.Problem {
	case ZKUnreachable:
		return fail(id, p.took, logs, "%s does not answer: %s", where, reason(p.err, r.t.timeout()))
	case ZKNotServing:
		return fail(id, p.took, logs, "%s is up but not serving requests: it is not in a quorum", where)
	case ZKNotWhitelisted:
		return fail(id, p.took,
			sshFix(m.Node.Name, "sudo sed -n /4lw.commands.whitelist/p /etc/zookeeper/conf/zoo.cfg")+
				" (the line must include srvr; restart zookeeper after editing)",
			"%s refuses srvr: it is not in 4lw.commands.whitelist", where)
	case ZKBadAnswer:
		return fail(id, p.took, logs, "%s gave an unexpected srvr answer: %v", where, p.err)
	}
	facts := fmt.Sprintf("zxid %#x, %d znodes", m.Zxid, m.NodeCount)
	multi := len(r.t.Masters) > 1
	switch {
	case m.Mode == "leader" || m.Mode == "follower":
		if !multi {
			return fail(id, p.took, sshFix(m.Node.Name, "cat /etc/zookeeper/conf/zoo.cfg"),
				"%s is a %s although the lab has one master: zoo.cfg lists other servers", where, m.Mode)
		}
		return ok(id, p.took, "%s: %s, %s", where, m.Mode, facts)
	case m.Mode == "standalone":
		if multi {
			return fail(id, p.took, sshFix(m.Node.Name, "cat /etc/zookeeper/conf/zoo.cfg")+" (it must list server.1 to server."+strconv.Itoa(len(r.t.Masters))+")",
				"%s runs standalone: its zoo.cfg has no ensemble", where)
		}
		return ok(id, p.took, "%s: standalone, %s", where, facts)
	case m.Mode == "observer":
		return warn(id, p.took, sshFix(m.Node.Name, "cat /etc/zookeeper/conf/zoo.cfg"),
			"%s is an observer, not a voting member", where)
	}
	return fail(id, p.took, logs, "%s is in mode %q, not leader or follower", where, m.Mode)
}

// zkQuorumCheck grades the ensemble: exactly one leader and every other
// member following (or one standalone server in a one-master lab).
func (r *round) zkQuorumCheck(probes []zkProbe) Check {
	const id = "zookeeper/quorum"
	var took time.Duration
	var leaders, followers, down []string
	for _, p := range probes {
		took = max(took, p.took)
		m := p.member
		switch {
		case m.Mode == "leader":
			leaders = append(leaders, m.Node.Name)
		case m.Mode == "follower":
			followers = append(followers, m.Node.Name)
		case m.Problem != "":
			down = append(down, fmt.Sprintf("%s (%s)", m.Node.Name, m.Problem))
		default:
			down = append(down, fmt.Sprintf("%s (%s)", m.Node.Name, m.Mode))
		}
	}
	total := len(probes)
	if total == 1 {
		p := probes[0]
		if p.member.Mode == "standalone" {
			return ok(id, took, "single ZooKeeper server on %s is serving", p.member.Node.Name)
		}
		return fail(id, took, journalFix(p.member.Node.Name, unitZooKeeper),
			"the only ZooKeeper server, on %s, is not serving standalone: %s", p.member.Node.Name, strings.Join(down, ", "))
	}
	firstDown := firstName(down, probes)
	switch {
	case len(leaders) == 0:
		return fail(id, took, journalFix(firstDown, unitZooKeeper),
			"no ZooKeeper leader: %d of %d members serving, %d needed; down: %s",
			len(followers), total, total/2+1, strings.Join(down, ", "))
	case len(leaders) > 1:
		return fail(id, took, journalFix(leaders[0], unitZooKeeper),
			"%d ZooKeeper leaders (%s): the ensemble is split; each zoo.cfg must list the same servers",
			len(leaders), strings.Join(leaders, ", "))
	case len(down) > 0:
		return warn(id, took, journalFix(firstDown, unitZooKeeper),
			"quorum held by %d of %d members (leader %s), degraded: %s",
			1+len(followers), total, leaders[0], strings.Join(down, ", "))
	}
	return ok(id, took, "%s leads, %d of %d members following", leaders[0], len(followers), total-1)
}

// firstName returns the node name of the first problem member, for a Fix.
func firstName(down []string, probes []zkProbe) string {
	if len(down) > 0 {
		name, _, _ := strings.Cut(down[0], " ")
		return name
	}
	return probes[0].member.Node.Name
}
