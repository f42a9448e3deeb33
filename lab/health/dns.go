package health

import (
	"context"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The names every Mesos-DNS serves for the masters (docs/naming.md).
const (
	leaderName = "leader.mesos."
	masterName = "master.mesos."
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
	server := net.JoinHostPort(n.Addr, strconv.Itoa(r.t.Ports.DNS))
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return r.dial(ctx, network, server)
		},
	}
}

// probeDNS asks one master's Mesos-DNS for leader.mesos. and master.mesos.
func (r *round) probeDNS(ctx context.Context, n Node) dnsAnswers {
	ctx, cancel := r.bounded(ctx)
	defer cancel()
	res := r.resolver(n)
	var a dnsAnswers
	a.took = timed(func() {
		a.leader, a.leaderErr = lookupA(ctx, res, leaderName)
		a.masters, a.mastersErr = lookupA(ctx, res, masterName)
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
// them. Mesos-DNS started with zk lists only the leader as master.mesos.,
// so the other masters are not required.
func (r *round) dnsCheck(n Node, a dnsAnswers, leader Node) Check {
	id := "mesos-dns/dns/" + n.Name
	server := net.JoinHostPort(n.Addr, strconv.Itoa(r.t.Ports.DNS))
	fix := journalFix(n.Name, unitMesosDNS)
	if a.leaderErr != nil {
		return fail(id, a.took, fix, "DNS on %s (%s): %s %s", n.Name, server, leaderName, reason(a.leaderErr, r.t.timeout()))
	}
	if a.mastersErr != nil {
		return fail(id, a.took, fix, "DNS on %s (%s): %s %s", n.Name, server, masterName, reason(a.mastersErr, r.t.timeout()))
	}
	answers := fmt.Sprintf("%s %s, %s %s", leaderName, strings.Join(a.leader, " "), masterName, strings.Join(a.masters, " "))
	var strangers []string
	for _, ip := range a.masters {
		if _, known := nodeByHost(r.t.Masters, ip); !known {
			strangers = append(strangers, ip)
		}
	}
	if len(strangers) > 0 {
		return fail(id, a.took, fix+" (check \"masters\" in /etc/mesos-dns/config.json)",
			"DNS on %s: %s includes %s, not a master of this lab", n.Name, masterName, strings.Join(strangers, " "))
	}
	if leader.Name == "" {
		if !r.t.Components.Mesos {
			return ok(id, a.took, "DNS on %s: %s", n.Name, answers)
		}
		return fail(id, a.took, "see mesos/leader", "DNS on %s: %s; no single Mesos leader to compare with", n.Name, answers)
	}
	if !slices.Equal(a.leader, []string{leader.Addr}) {
		// Mesos-DNS reads the leader on every refresh (refreshSeconds), so
		// a fresh failover shows here for a while.
		return fail(id, a.took, fix, "DNS on %s: %s is %s, but the Mesos leader is %s (%s)",
			n.Name, leaderName, strings.Join(a.leader, " "), leader.Name, leader.Addr)
	}
	if !slices.Contains(a.masters, leader.Addr) {
		return fail(id, a.took, fix, "DNS on %s: %s (%s) lacks the leader %s (%s)",
			n.Name, masterName, strings.Join(a.masters, " "), leader.Name, leader.Addr)
	}
	return ok(id, a.took, "DNS on %s: %s", n.Name, answers)
}
