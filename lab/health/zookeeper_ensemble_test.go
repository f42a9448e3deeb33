package health

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/lab/stack"
)

// TestZooKeeperEnsemble runs a real three-member ensemble (Debian's
// zookeeper package) on 127.0.0.11-13 and walks it from healthy, through
// a lost leader, to a lost quorum.
func TestZooKeeperEnsemble(t *testing.T) {
	testenv.NeedShort(t)

	start := time.Now()
	e := startEnsemble(t, testMasters, "srvr,ruok")
	tgt := e.target(testMasters)

	// Healthy: Poll is what `verify --wait` uses.
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	rep, err := Poll(ctx, tgt, 250*time.Millisecond, nil)
	if err != nil {
		t.Fatalf("ensemble never became healthy: %v\n%s\n%s", err, dumpChecks(rep), e.Logs())
	}
	modes := map[string]int{}
	for _, m := range rep.ZooKeeper {
		modes[m.Mode]++
		if m.Version == "" || m.NodeCount == 0 {
			t.Errorf("member facts %+v", m)
		}
	}
	if modes["leader"] != 1 || modes["follower"] != 2 {
		t.Fatalf("modes %v, want one leader and two followers", modes)
	}
	first := leaderOf(rep)
	wantCheck(t, rep, "zookeeper/quorum", StatusOK, first+" leads, 2 of 2 members following")
	t.Logf("ensemble healthy after %s, leader %s", time.Since(start).Round(time.Millisecond), first)

	// The leader dies: the other two elect a new one and keep the quorum.
	phase := time.Now()
	e.Stop(first)
	rep = e.waitFor(tgt, 60*time.Second, "quorate with a new leader", func(r Report) bool {
		l := leaderOf(r)
		return l != "" && l != first && r.Worst() == StatusFail
	})
	second := leaderOf(rep)
	wantCheck(t, rep, "zookeeper/quorum", StatusWarn,
		"quorum held by 2 of 3 members (leader "+second+")", "degraded: "+first+" (unreachable)")
	wantCheck(t, rep, "zookeeper/"+first, StatusFail, "does not answer: connection refused")
	wantCheck(t, rep, "zookeeper/"+second, StatusOK, "leader")
	t.Logf("new leader %s after %s", second, time.Since(phase).Round(time.Millisecond))

	// A second member dies: the last one is up but has no quorum.
	phase = time.Now()
	e.Stop(second)
	var last string
	for _, n := range testMasters {
		if n.Name != first && n.Name != second {
			last = n.Name
		}
	}
	rep = e.waitFor(tgt, 60*time.Second, "not serving", func(r Report) bool {
		c, _ := r.Check("zookeeper/" + last)
		return strings.Contains(c.Finding, "not serving")
	})
	wantCheck(t, rep, "zookeeper/"+last, StatusFail, "is up but not serving requests")
	wantCheck(t, rep, "zookeeper/quorum", StatusFail, "no ZooKeeper leader: 0 of 3 members serving, 2 needed")
	if rep.ZooKeeper[0].Problem == "" || rep.Healthy() {
		t.Errorf("report after losing quorum: %+v", rep.ZooKeeper)
	}
	t.Logf("quorum lost after %s; whole test %s", time.Since(phase).Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// TestZooKeeperStandalone runs one real server without server lines: the
// one-master lab's layout, and a server whose whitelist lacks mntr.
func TestZooKeeperStandalone(t *testing.T) {
	testenv.NeedShort(t)

	nodes := testMasters[:1]
	e := startEnsemble(t, nodes, "ruok")
	tgt := e.target(nodes)
	rep := e.waitFor(tgt, 60*time.Second, "healthy", Report.Healthy)
	wantCheck(t, rep, "zookeeper/master1", StatusOK, "standalone")
	wantCheck(t, rep, "zookeeper/quorum", StatusOK, "single ZooKeeper server on master1")

	// ZooKeeper 3.5.3+ always whitelists srvr (zkServer.sh needs it), so
	// the refusal is shown with mntr, which "ruok" leaves out.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	answer, err := stack.FourLetter(ctx, nil, nodes[0].Addr, e.ClientPort, "mntr")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stack.ParseSrvr(answer); !errors.Is(err, stack.ErrNotWhitelisted) {
		t.Errorf("mntr answer %q parsed with %v, want the whitelist refusal", answer, err)
	}
}
