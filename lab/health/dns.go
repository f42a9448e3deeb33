package health

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// dnsAnswers is what one master's Mesos-DNS answered to the A queries.
type dnsAnswers struct {
	leader, masters       []string
	leaderErr, mastersErr error
	took                  time.Duration
}

// resolver sends every query to one node's DNS port, whatever
// /etc/resolv.conf names, through the prober's dial function.
func (r *round) resolver(n Node) *net.Resolver {
	return stack.Resolver(r.dial, net.JoinHostPort(n.Addr, strconv.Itoa(r.t.Ports.DNS)))
}

// probeDNS asks one master's Mesos-DNS for leader.mesos. and master.mesos.
func (r *round) probeDNS(ctx context.Context, n Node) dnsAnswers {
	ctx, cancel := r.bounded(ctx)
	defer cancel()
	res := r.resolver(n)
	var a dnsAnswers
	a.took = timed(func() {
		a.leader, a.leaderErr = lookupA(ctx, res, stack.LeaderName)
		a.masters, a.mastersErr = lookupA(ctx, res, stack.MasterName)
	})
	return a
}

func lookupA(ctx context.Context, res *net.Resolver, name string) ([]string, error) {
	ips, err := res.LookupIP(ctx, "ip4", name)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(ips))
	for i, ip := range ips {
		out[i] = ip.String()
	}
	slices.Sort(out)
	return out, nil
}

// dnsCheck compares the answers with the lab: leader.mesos. must be the
// Mesos leader's address, master.mesos. only masters and the leader among
// them. Started with zk, Mesos-DNS lists as master.mesos. every master with
// a znode in ZooKeeper (master0.mesos. is the leader), so a master whose
// ZooKeeper session is gone drops out: the other masters are not required.
func (r *round) dnsCheck(n Node, a dnsAnswers, leader Node) Check {
	id := "mesos-dns/dns/" + n.Name
	server := net.JoinHostPort(n.Addr, strconv.Itoa(r.t.Ports.DNS))
	fix := journalFix(n.Name, unitMesosDNS)
	var dnsErr *net.DNSError
	if errors.As(a.leaderErr, &dnsErr) && dnsErr.IsNotFound {
		cause, fix := r.noLeaderRecord(n, leader)
		return fail(id, a.took, fix, "DNS on %s (%s): %s %s: %s", n.Name, server, stack.LeaderName, reason(a.leaderErr, r.t.timeout()), cause)
	}
	if a.leaderErr != nil {
		return fail(id, a.took, fix, "DNS on %s (%s): %s %s", n.Name, server, stack.LeaderName, reason(a.leaderErr, r.t.timeout()))
	}
	if a.mastersErr != nil {
		return fail(id, a.took, fix, "DNS on %s (%s): %s %s", n.Name, server, stack.MasterName, reason(a.mastersErr, r.t.timeout()))
	}
	answers := fmt.Sprintf("%s %s, %s %s", stack.LeaderName, strings.Join(a.leader, " "), stack.MasterName, strings.Join(a.masters, " "))
	var strangers []string
	for _, ip := range a.masters {
		if _, known := NodeByHost(r.t.Masters, ip); !known {
			strangers = append(strangers, ip)
		}
	}
	if len(strangers) > 0 {
		return fail(id, a.took, fix+" (check \"masters\" in /etc/mesos-dns/config.json)",
			"DNS on %s: %s includes %s, not a master of this lab", n.Name, stack.MasterName, strings.Join(strangers, " "))
	}
	if leader.Name == "" {
		if !r.t.Components.Mesos {
			return ok(id, a.took, "DNS on %s: %s", n.Name, answers)
		}
		return fail(id, a.took, "see mesos/leader", "DNS on %s: %s; no single Mesos leader to compare with", n.Name, answers)
	}
	if !slices.Equal(a.leader, []string{leader.Addr}) {
		// Started with zk, Mesos-DNS follows the leader on ZooKeeper's
		// watch, within a second of a failover (refreshSeconds paces only
		// the task records). A mismatch that lasts is a Mesos-DNS that lost
		// ZooKeeper, or cannot read the new leader's state.
		return fail(id, a.took, fix, "DNS on %s: %s is %s, but the Mesos leader is %s (%s)",
			n.Name, stack.LeaderName, strings.Join(a.leader, " "), leader.Name, leader.Addr)
	}
	if !slices.Contains(a.masters, leader.Addr) {
		return fail(id, a.took, fix, "DNS on %s: %s (%s) lacks the leader %s (%s)",
			n.Name, stack.MasterName, strings.Join(a.masters, " "), leader.Name, leader.Addr)
	}
	return ok(id, a.took, "DNS on %s: %s", n.Name, answers)
}

// noLeaderRecord explains leader.mesos. answering NXDOMAIN: the server
// answers, but has built no record of the leader, which is what Mesos-DNS
// does when it cannot read the leader's state. It says why that may be and
// what to run on n.
func (r *round) noLeaderRecord(n Node, leader Node) (cause, fix string) {
	why := "either it is older than 0.7 and polls /master/state.json, which Mesos removed in 1.8 (such a Mesos-DNS also " +
		"answers HTTP 406 on /v1/version, see mesos-dns/" + n.Name + "), or the leader's /master/state does not answer it"
	logs := journalFix(n.Name, unitMesosDNS) + ` and look for "Failed to fetch state"; an old Mesos-DNS needs ` +
		"sources.mesos_dns in mesoslab.yaml set to the mesos-dns package (or a release of 0.7.0-rc2 or later), then `mesoslab provision`"
	if leader.Name == "" {
		return "Mesos-DNS has no leader to name: no Mesos master is elected, or Mesos-DNS cannot read the leader's state (" + why + ")",
			"see mesos/leader first; then " + logs
	}
	state := "http://" + net.JoinHostPort(leader.Addr, strconv.Itoa(r.t.Ports.MesosMaster)) + "/master/state"
	return "Mesos-DNS has no record of the leader " + leader.Name + " because it cannot read its state: " + why,
		sshFix(n.Name, `curl -s -o /dev/null -w '%{http_code}' `+state) + " (200 means the state is there); then " + logs
}
