package health

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

func TestProbeZooKeeper(t *testing.T) {
	leader := testdata(t, "zookeeper/srvr-leader.txt")
	follower := testdata(t, "zookeeper/srvr-follower.txt")
	standalone := testdata(t, "zookeeper/srvr-standalone.txt")
	notServing := testdata(t, "zookeeper/srvr-not-serving.txt")
	notListed := testdata(t, "zookeeper/srvr-not-whitelisted.txt")
	type want struct {
		status  Status
		finding string
	}
	tests := []struct {
		name    string
		masters int
		answers []string // per master; "down" means nothing listens, "" a hung peer
		members []want
		quorum  want
		modes   []string
	}{
		{"healthy ensemble", 3, []string{follower, follower, leader},
			[]want{{StatusOK, "follower, zxid 0x0, 5 znodes"}, {StatusOK, "follower"}, {StatusOK, "leader, zxid 0x100000000"}},
			want{StatusOK, "master3 leads, 2 of 2 members following"}, []string{"follower", "follower", "leader"}},
		{"member not serving", 3, []string{leader, follower, notServing},
			[]want{{StatusOK, "leader"}, {StatusOK, "follower"}, {StatusFail, "up but not serving requests"}},
			want{StatusWarn, "quorum held by 2 of 3 members (leader master1), degraded: master3 (not serving)"}, []string{"leader", "follower", ""}},
		{"member down", 3, []string{leader, "down", follower},
			[]want{{StatusOK, "leader"}, {StatusFail, "does not answer: connection refused"}, {StatusOK, "follower"}},
			want{StatusWarn, "degraded: master2 (unreachable)"}, nil},
		{"member hung", 3, []string{leader, follower, ""},
			[]want{{StatusOK, "leader"}, {StatusOK, "follower"}, {StatusFail, "no answer within 300ms"}},
			want{StatusWarn, "degraded: master3 (unreachable)"}, nil},
		{"srvr not whitelisted", 3, []string{notListed, leader, follower},
			[]want{{StatusFail, "refuses srvr: it is not in 4lw.commands.whitelist"}, {StatusOK, "leader"}, {StatusOK, "follower"}},
			want{StatusWarn, "master1 (not whitelisted)"}, nil},
		{"no quorum", 3, []string{notServing, notServing, "down"},
			[]want{{StatusFail, "not serving"}, {StatusFail, "not serving"}, {StatusFail, "connection refused"}},
			want{StatusFail, "no ZooKeeper leader: 0 of 3 members serving, 2 needed"}, nil},
		{"two leaders", 3, []string{leader, leader, follower},
			[]want{{StatusOK, "leader"}, {StatusOK, "leader"}, {StatusOK, "follower"}},
			want{StatusFail, "2 ZooKeeper leaders (master1, master2): the ensemble is split"}, nil},
		{"standalone members", 3, []string{standalone, standalone, standalone},
			[]want{{StatusFail, "runs standalone"}, {StatusFail, "runs standalone"}, {StatusFail, "runs standalone"}},
			want{StatusFail, "no ZooKeeper leader"}, nil},
		{"one-master lab", 1, []string{standalone},
			[]want{{StatusOK, "standalone, zxid 0x0"}},
			want{StatusOK, "single ZooKeeper server on master1 is serving"}, []string{"standalone"}},
		{"one-master lab in an ensemble", 1, []string{follower},
			[]want{{StatusFail, "is a follower although the lab has one master"}},
			want{StatusFail, "is not serving standalone"}, nil},
	}
	addrs := []string{"127.0.0.11", "127.0.0.12", "127.0.0.13"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := stacktest.NewZK(t, addrs)
			tgt := Target{
				Components: Components{ZooKeeper: true},
				Ports:      stack.Ports{ZooKeeper: z.Port},
				Timeout:    300 * time.Millisecond,
			}
			for i := 0; i < tt.masters; i++ {
				n := testMasters[i]
				if tt.answers[i] == "down" {
					n.Addr = "127.0.0.14" // nothing listens there
				}
				tgt.Masters = append(tgt.Masters, n)
				z.Answer(n.Addr, tt.answers[i])
			}
			rep := (&Prober{}).Probe(context.Background(), tgt)
			for i, w := range tt.members {
				wantCheck(t, rep, "zookeeper/"+tgt.Masters[i].Name, w.status, w.finding)
			}
			wantCheck(t, rep, "zookeeper/quorum", tt.quorum.status, tt.quorum.finding)
			if len(rep.Checks) != tt.masters+1 {
				t.Errorf("checks %v", checkIDs(rep))
			}
			for i, mode := range tt.modes {
				if rep.ZooKeeper[i].Mode != mode {
					t.Errorf("member %d mode %q, want %q", i, rep.ZooKeeper[i].Mode, mode)
				}
			}
			for _, w := range z.Words() {
				if w != "srvr" {
					t.Errorf("sent %q, want only srvr", w)
				}
			}
		})
	}
}

func TestZooKeeperFixes(t *testing.T) {
	z := stacktest.NewZK(t, []string{"127.0.0.11", "127.0.0.12"})
	z.Answer("127.0.0.11", testdata(t, "zookeeper/srvr-not-whitelisted.txt"))
	z.Answer("127.0.0.12", testdata(t, "zookeeper/srvr-not-serving.txt"))
	tgt := Target{Masters: testMasters[:2], Components: Components{ZooKeeper: true}, Ports: stack.Ports{ZooKeeper: z.Port}}
	rep := (&Prober{}).Probe(context.Background(), tgt)
	if c := mustCheck(t, rep, "zookeeper/master1"); !strings.Contains(c.Fix, "mesoslab ssh master1 -- ") || !strings.Contains(c.Fix, "4lw.commands.whitelist") {
		t.Errorf("whitelist fix %q", c.Fix)
	}
	if c := mustCheck(t, rep, "zookeeper/master2"); c.Fix != "mesoslab ssh master2 -- sudo journalctl -u zookeeper" {
		t.Errorf("not-serving fix %q", c.Fix)
	}
}
