package workshop

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// fakeCluster is a lab of three masters whose probe answers follow the
// services a drill stops and starts through the fake NodeShell: stopping
// the leader leaves no leader for a few probes, then the next master in
// line leads; a majority of ZooKeeper down stops the ensemble serving and
// Mesos losing its leader; a restarted service is back after a few probes.
// Nothing runs: it is the drills' fake world.
type fakeCluster struct {
	mu      sync.Mutex
	masters []health.Node
	zkUp    map[string]bool
	mesosUp map[string]bool
	// startedAt is the probe count at each "node/unit" start.
	startedAt   map[string]int
	zkLeader    string
	mesosLeader string
	probes      int
	// zkLostAt and mesosLostAt are the probe counts when each lost its leader.
	zkLostAt, mesosLostAt int

	// Scripted timing, in probes: elections and rejoins take that many;
	// a negative mesosElect never elects a new Mesos leader.
	zkElect, mesosElect, rejoin int
	// onProbe runs at each probe with its count, for Ctrl-C tests.
	onProbe func(n int)

	// dnsOn adds Mesos-DNS on every master. It names the Mesos leader and
	// keeps the last one while there is none, as AVENTER's mesos-dns does
	// with zkDetectionTimeout 0: a state without a leader fails to load
	// (records/generator.go ParseState, "empty master") and the resolver
	// keeps its old records (resolver/resolver.go, "keeping old DNS
	// state"). dnsDown lists the masters whose Mesos-DNS answers nothing.
	dnsOn     bool
	dnsLeader string
	dnsDown   map[string]bool

	shells map[string]*provisiontest.Fake
}

func newFakeCluster(t *testing.T) *fakeCluster {
	c := &fakeCluster{
		masters: testMasters, zkUp: map[string]bool{}, mesosUp: map[string]bool{}, startedAt: map[string]int{},
		zkLeader: "master2", mesosLeader: "master1", zkElect: 2, mesosElect: 3, rejoin: 2,
		shells: map[string]*provisiontest.Fake{},
	}
	for _, m := range c.masters {
		c.zkUp[m.Name], c.mesosUp[m.Name] = true, true
		c.startedAt[m.Name+"/zookeeper"], c.startedAt[m.Name+"/mesos-master"] = -1e6, -1e6
		sh := provisiontest.New(m.Name)
		for _, unit := range []string{"zookeeper", "mesos-master"} {
			sh.On(`^systemctl stop ` + unit + `$`).Do(func(cmd provision.Command) { c.set(m.Name, unit, false) })
			sh.On(`^systemctl start ` + unit + `$`).Do(func(cmd provision.Command) { c.set(m.Name, unit, true) })
		}
		c.shells[m.Name] = sh
	}
	return c
}

// Runner is the fake NodeShell.
func (c *fakeCluster) Runner(ctx context.Context, node string) (provision.Runner, error) {
	sh, ok := c.shells[node]
	if !ok {
		return nil, fmt.Errorf("no node %s", node)
	}
	return sh, nil
}

func (c *fakeCluster) set(node, unit string, up bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if unit == "zookeeper" {
		c.zkUp[node] = up
	} else {
		c.mesosUp[node] = up
	}
	if up {
		c.startedAt[node+"/"+unit] = c.probes
	}
}

// commands lists "node: command" for every command the shells received.
func (c *fakeCluster) commands() []string {
	var out []string
	for _, m := range c.masters {
		for _, cmd := range c.shells[m.Name].Commands() {
			if !cmd.Sudo {
				out = append(out, m.Name+": "+cmd.Cmd+" (without sudo)")
				continue
			}
			out = append(out, m.Name+": "+cmd.Cmd)
		}
	}
	return out
}

// probe is the fake ProbeFunc: the world moves on one step per probe.
func (c *fakeCluster) probe(ctx context.Context) health.Report {
	c.mu.Lock()
	c.probes++
	n := c.probes
	hook := c.onProbe
	rep := c.step()
	c.mu.Unlock()
	if hook != nil {
		hook(n)
	}
	return rep
}

func (c *fakeCluster) up(units map[string]bool) (names []string) {
	for _, m := range c.masters {
		if units[m.Name] {
			names = append(names, m.Name)
		}
	}
	return names
}

// since is how many probes ago the unit on node started.
func (c *fakeCluster) since(node, unit string) int { return c.probes - c.startedAt[node+"/"+unit] }

func (c *fakeCluster) step() health.Report {
	zkUp := c.up(c.zkUp)
	quorum := len(zkUp) >= len(c.masters)/2+1
	if c.zkLeader != "" && (!quorum || !c.zkUp[c.zkLeader]) {
		c.zkLeader, c.zkLostAt = "", c.probes
	}
	if c.zkLeader == "" && quorum && c.probes-c.zkLostAt >= c.zkElect {
		c.zkLeader = zkUp[len(zkUp)-1] // the highest id wins
	}
	// A ZooKeeper election is too short for the masters' sessions to
	// expire; only a lost quorum costs Mesos its leader.
	if c.mesosLeader != "" && (!quorum || !c.mesosUp[c.mesosLeader]) {
		c.mesosLeader, c.mesosLostAt = "", c.probes
	}
	if c.mesosLeader == "" && c.zkLeader != "" && c.mesosElect >= 0 && c.probes-c.mesosLostAt >= c.mesosElect {
		for _, m := range c.up(c.mesosUp) {
			if c.since(m, "mesos-master") >= c.rejoin {
				c.mesosLeader = m
				break
			}
		}
	}

	var rep health.Report
	add := func(id string, ok bool, finding string) {
		st := health.StatusOK
		if !ok {
			st = health.StatusFail
		}
		rep.Checks = append(rep.Checks, health.Check{ID: id, Status: st, Finding: finding})
	}
	var leaderNode health.Node
	for _, m := range c.masters {
		zm := health.ZooKeeperMember{Node: m}
		switch {
		case !c.zkUp[m.Name]:
			zm.Problem = health.ZKUnreachable
		case c.zkLeader == "" || c.since(m.Name, "zookeeper") < c.rejoin:
			zm.Problem = health.ZKNotServing
		case c.zkLeader == m.Name:
			zm.Mode = "leader"
		default:
			zm.Mode = "follower"
		}
		rep.ZooKeeper = append(rep.ZooKeeper, zm)
		add("zookeeper/"+m.Name, zm.Mode != "", fmt.Sprintf("ZooKeeper on %s: %s", m.Name, zkState(zm)))
		if m.Name == c.mesosLeader {
			leaderNode = m
		}
	}
	for _, m := range c.masters {
		mm := health.MesosMaster{Node: m, Reached: c.mesosUp[m.Name] && c.since(m.Name, "mesos-master") >= c.rejoin}
		mm.Elected = mm.Reached && m.Name == c.mesosLeader
		if mm.Reached && c.mesosLeader != "" {
			mm.Redirect = leaderNode.Addr + ":5050"
		}
		rep.Mesos.Masters = append(rep.Mesos.Masters, mm)
		add("mesos/"+m.Name, mm.Reached, fmt.Sprintf("mesos-master on %s reached: %v", m.Name, mm.Reached))
	}
	rep.Mesos.Leader = leaderNode
	add("mesos/leader", c.mesosLeader != "", "leader: "+c.mesosLeader)
	if c.dnsOn {
		if c.mesosLeader != "" {
			c.dnsLeader = leaderNode.Addr
		}
		for _, m := range c.masters {
			d := health.MesosDNSInstance{Node: m}
			if c.dnsLeader != "" && !c.dnsDown[m.Name] {
				d.Leader = []string{c.dnsLeader}
			}
			rep.MesosDNS = append(rep.MesosDNS, d)
			add("mesos-dns/dns/"+m.Name, len(d.Leader) == 1 && d.Leader[0] == leaderNode.Addr, fmt.Sprintf("leader.mesos. %v", d.Leader))
		}
	}
	return rep
}

// commandLines joins commands for messages.
func commandLines(cmds []string) string { return strings.Join(cmds, "\n") }
