package health

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// fullFake serves every component from fakes: HTTP and ZooKeeper on the
// masters and agents, DNS on the masters, all healthy until tweaked.
func fullFake(t *testing.T) (*fakeLab, *stacktest.ZK, Target) {
	t.Helper()
	f := newFakeLab(t)
	f.healthy(t)
	z := stacktest.NewZK(t, stacktest.Addrs(members(testMasters)))
	z.ServeHealthy(func(name string) string { return testdata(t, name) }, members(testMasters))
	d := stacktest.NewDNS(t, stacktest.Addrs(members(testMasters)))
	d.ServeHealthy(members(testMasters))
	tgt := f.target()
	tgt.Components = AllComponents()
	tgt.Ports.ZooKeeper, tgt.Ports.DNS = z.Port, d.Port
	tgt.Timeout = 2 * time.Second
	return f, z, tgt
}

func TestSummarize(t *testing.T) {
	masterUnits := []string{"zookeeper", "mesos-master", "marathon", "chronos", "mesos-dns"}
	type row struct {
		zk, mesos string
		up, down  []string
	}
	tests := []struct {
		name    string
		tweak   func(f *fakeLab, z *stacktest.ZK, tgt *Target)
		rows    map[string]row
		cluster ClusterSummary
	}{
		{"healthy", func(*fakeLab, *stacktest.ZK, *Target) {},
			map[string]row{
				"master1": {"leader", "leader", masterUnits, nil},
				"master2": {"follower", "standby", masterUnits, nil},
				"agent3":  {"", "registered", []string{"mesos-agent"}, nil},
			},
			ClusterSummary{Quorum: "held", Serving: 3, Members: 3, Needed: 2, ZooKeeperLeader: "master1", MesosLeader: "master1",
				AgentsActive: 3, Agents: 3, Frameworks: []string{"marathon", "chronos"}}},
		{"a master gone", func(_ *fakeLab, _ *stacktest.ZK, tgt *Target) {
			// Nothing listens on 127.0.0.14: every probe of master3 is refused.
			tgt.Masters = append(tgt.Masters[:2:2], Node{"master3", "127.0.0.14"})
		},
			map[string]row{
				"master3": {"unreachable", "down", nil, masterUnits},
				"master2": {"follower", "standby", masterUnits, nil},
			},
			ClusterSummary{Quorum: "degraded", Serving: 2, Members: 3, Needed: 2, ZooKeeperLeader: "master1", MesosLeader: "master1",
				AgentsActive: 3, Agents: 3, Frameworks: []string{"marathon", "chronos"}}},
		{"agents in trouble", func(f *fakeLab, _ *stacktest.ZK, _ *Target) {
			f.Set("127.0.0.11", "/master/slaves", 200, testdata(t, "mesos/slaves-degraded.json"))
			f.Set("127.0.0.22", "/health", 503, "")
		},
			map[string]row{
				"agent1": {"", "registered", []string{"mesos-agent"}, nil},
				"agent2": {"", "down", nil, []string{"mesos-agent"}},
				"agent3": {"", "inactive", []string{"mesos-agent"}, nil},
			},
			ClusterSummary{Quorum: "held", Serving: 3, Members: 3, Needed: 2, ZooKeeperLeader: "master1", MesosLeader: "master1",
				AgentsActive: 1, Agents: 3, Frameworks: []string{"marathon", "chronos"}}},
		{"quorum lost, no Mesos leader", func(f *fakeLab, z *stacktest.ZK, _ *Target) {
			for _, m := range testMasters {
				z.Answer(m.Addr, testdata(t, "zookeeper/srvr-not-serving.txt"))
				f.Set(m.Addr, "/metrics/snapshot", 200, testdata(t, "mesos/metrics-standby.json"))
				f.Set(m.Addr, "/master/redirect", 503, "")
			}
		},
			map[string]row{
				"master1": {"not serving", "no leader", []string{"marathon", "chronos"}, []string{"zookeeper", "mesos-master", "mesos-dns"}},
				"agent1":  {"", "unknown", []string{"mesos-agent"}, nil},
			},
			ClusterSummary{Quorum: "lost", Serving: 0, Members: 3, Needed: 2, Agents: 3, Frameworks: []string{}}},
		{"split ensemble", func(_ *fakeLab, z *stacktest.ZK, _ *Target) {
			z.Answer("127.0.0.12", testdata(t, "zookeeper/srvr-leader.txt"))
		},
			map[string]row{"master2": {"leader", "standby", masterUnits, nil}},
			ClusterSummary{Quorum: "split", Serving: 3, Members: 3, Needed: 2, MesosLeader: "master1",
				AgentsActive: 3, Agents: 3, Frameworks: []string{"marathon", "chronos"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, z, tgt := fullFake(t)
			tt.tweak(f, z, &tgt)
			rep := (&Prober{}).Probe(context.Background(), tgt)
			s := Summarize(tgt, rep)
			if len(s.Nodes) != len(tgt.Masters)+len(tgt.Agents) {
				t.Fatalf("%d rows for %d nodes", len(s.Nodes), len(tgt.Masters)+len(tgt.Agents))
			}
			for _, ns := range s.Nodes {
				want, listed := tt.rows[ns.Node.Name]
				if !listed {
					continue
				}
				got := row{ns.ZooKeeper, ns.Mesos, ns.Up, ns.Down}
				if got.zk != want.zk || got.mesos != want.mesos || !sameUnits(got.up, want.up) || !sameUnits(got.down, want.down) {
					t.Errorf("%s: got %+v, want %+v\n%s", ns.Node.Name, got, want, dumpChecks(rep))
				}
			}
			if c := s.Cluster; c.Quorum != tt.cluster.Quorum || c.Serving != tt.cluster.Serving || c.Members != tt.cluster.Members ||
				c.Needed != tt.cluster.Needed || c.ZooKeeperLeader != tt.cluster.ZooKeeperLeader || c.MesosLeader != tt.cluster.MesosLeader ||
				c.AgentsActive != tt.cluster.AgentsActive || c.Agents != tt.cluster.Agents || !slices.Equal(c.Frameworks, tt.cluster.Frameworks) {
				t.Errorf("cluster %+v, want %+v", c, tt.cluster)
			}
		})
	}
}

func sameUnits(got, want []string) bool {
	return len(got) == len(want) && (len(got) == 0 || slices.Equal(got, want))
}

// A lab with ZooKeeper only has no Mesos column and counts no agents as
// missing.
func TestSummarizeZooKeeperOnly(t *testing.T) {
	_, _, tgt := fullFake(t)
	tgt.Components = Components{ZooKeeper: true}
	s := Summarize(tgt, (&Prober{}).Probe(context.Background(), tgt))
	for _, ns := range s.Nodes {
		if ns.Mesos != "" {
			t.Errorf("%s: Mesos %q in a lab without Mesos", ns.Node.Name, ns.Mesos)
		}
	}
	if s.Nodes[0].ZooKeeper != "leader" || !slices.Equal(s.Nodes[0].Up, []string{"zookeeper"}) || s.Cluster.Quorum != "held" {
		t.Errorf("summary %+v", s)
	}
}
