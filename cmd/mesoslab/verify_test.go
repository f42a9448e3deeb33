package main

import (
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/internal/zktest"
	"github.com/mesoslab/mesoslab/lab/health"
)

// TestVerifyAndStatusAgainstRealEnsemble is the proof: a real
// three-member ZooKeeper ensemble (Debian's zookeeper package) on
// 127.0.0.11-13 with the standard client port, and the real command line
// run in memory against a loopback lab: healthy, one member lost (quorum
// held, degraded, the member named), two lost (quorum lost), and healthy
// again during `verify --wait`.
func TestVerifyAndStatusAgainstRealEnsemble(t *testing.T) {
	testenv.NeedShort(t)
	java, cp := zktest.Need(t)
	env := loopbackHome(t)
	members := []zktest.Member{{Name: "master1", Addr: "127.0.0.11"}, {Name: "master2", Addr: "127.0.0.12"}, {Name: "master3", Addr: "127.0.0.13"}}
	e := zktest.Start(t, java, cp, members, zktest.Options{ClientPort: 2181})

	// waitVerify runs `verify -o json` until cond holds, for at most a minute.
	waitVerify := func(what string, cond func(verifyDoc) bool) (verifyDoc, int) {
		t.Helper()
		deadline := time.Now().Add(time.Minute)
		for {
			out, stderr, code := run(t, env, "verify", "-o", "json")
			doc := decodeVerify(t, out)
			if cond(doc) {
				return doc, code
			}
			if time.Now().After(deadline) {
				t.Fatalf("verify never showed %s; last (exit %d, %s):\n%s\nserver logs:\n%s", what, code, stderr, out, e.Logs())
			}
			time.Sleep(250 * time.Millisecond)
		}
	}

	var leader string
	t.Run("healthy", func(t *testing.T) {
		out, stderr, code := run(t, env, "verify", "--wait", "60s", "-o", "json")
		doc := decodeVerify(t, out)
		if code != 0 || !doc.Healthy {
			t.Fatalf("verify --wait: exit %d, %s\n%s\n%s", code, stderr, out, e.Logs())
		}
		modes := map[string]int{}
		for _, m := range doc.ZooKeeper {
			modes[m.Mode]++
			if m.Mode == "leader" {
				leader = m.Node.Name
			}
		}
		if modes["leader"] != 1 || modes["follower"] != 2 {
			t.Fatalf("modes %v, want one leader and two followers", modes)
		}
		if c := check(t, doc, "zookeeper/quorum"); c.Finding != leader+" leads, 2 of 2 members following" {
			t.Errorf("quorum finding %q", c.Finding)
		}
		text, _, code := run(t, env, "verify")
		if code != 0 || !strings.Contains(text, `lab "default" is healthy`) || !strings.Contains(text, "[ok]   zookeeper/quorum") {
			t.Errorf("verify text: exit %d\n%s", code, text)
		}
		st, stderr, code := run(t, env, "status", "-o", "json")
		sdoc := decodeStatus(t, st)
		if code != 0 || len(sdoc.Nodes) != 4 || sdoc.Nodes[0].State != "unknown" || sdoc.Cluster.Quorum != "held" {
			t.Fatalf("status: exit %d %s\n%s", code, stderr, st)
		}
		got := zkModes(sdoc)
		followers := 0
		for _, m := range members {
			if m.Name != leader && got[m.Name] == "follower" {
				followers++
			}
		}
		if got[leader] != "leader" || followers != 2 || got["agent1"] != "" {
			t.Errorf("status ZooKeeper modes %v, leader %s", got, leader)
		}
		text, _, _ = run(t, env, "status")
		if !strings.Contains(text, "ZooKeeper quorum held (3 of 3 serving, 2 needed), leader "+leader) {
			t.Errorf("status text:\n%s", text)
		}
	})
	if leader == "" {
		t.Fatal("no leader, no point going on")
	}

	var second string
	t.Run("one member lost", func(t *testing.T) {
		e.Stop(leader)
		doc, code := waitVerify("a new leader", func(d verifyDoc) bool {
			c, _ := d.Check("zookeeper/quorum")
			return c.Status == health.StatusWarn
		})
		if code != exitFailure || doc.Healthy {
			t.Errorf("degraded ensemble: exit %d, want %d", code, exitFailure)
		}
		q := check(t, doc, "zookeeper/quorum")
		if !strings.Contains(q.Finding, "quorum held by 2 of 3 members") || !strings.Contains(q.Finding, "degraded: "+leader+" (unreachable)") {
			t.Errorf("quorum finding %q", q.Finding)
		}
		if c := check(t, doc, "zookeeper/"+leader); c.Status != health.StatusFail || !strings.Contains(c.Finding, "connection refused") {
			t.Errorf("stopped member: %+v", c)
		}
		for _, m := range doc.ZooKeeper {
			if m.Mode == "leader" {
				second = m.Node.Name
			}
		}
		text, _, code := run(t, env, "verify")
		if code != exitFailure || !strings.Contains(text, "[warn] zookeeper/quorum       quorum held by 2 of 3 members") ||
			!strings.Contains(text, "[fail] zookeeper/"+leader) || !strings.Contains(text, "1 failed, 1 degraded") {
			t.Errorf("verify text: exit %d\n%s", code, text)
		}
		st, _, _ := run(t, env, "status", "-o", "json")
		sdoc := decodeStatus(t, st)
		if zkModes(sdoc)[leader] != "unreachable" || sdoc.Cluster.Quorum != "degraded" || sdoc.Cluster.Serving != 2 {
			t.Errorf("status after losing %s: %v %+v", leader, zkModes(sdoc), sdoc.Cluster)
		}
	})
	if second == "" {
		t.Fatal("no second leader, no point going on")
	}

	t.Run("quorum lost", func(t *testing.T) {
		e.Stop(second)
		// The last member follows a dead leader until it notices, then stops serving.
		doc, code := waitVerify("the quorum lost", func(d verifyDoc) bool {
			c, _ := d.Check("zookeeper/quorum")
			return c.Status == health.StatusFail && strings.Contains(c.Finding, "0 of 3 members serving")
		})
		if code != exitFailure {
			t.Errorf("exit %d, want %d", code, exitFailure)
		}
		if q := check(t, doc, "zookeeper/quorum"); !strings.Contains(q.Finding, "no ZooKeeper leader: 0 of 3 members serving, 2 needed") {
			t.Errorf("quorum finding %q", q.Finding)
		}
		for _, m := range members {
			if m.Name != leader && m.Name != second {
				if c := check(t, doc, "zookeeper/"+m.Name); !strings.Contains(c.Finding, "is up but not serving requests") {
					t.Errorf("the last member: %+v", c)
				}
			}
		}
		text, _, code := run(t, env, "verify")
		if code != exitFailure || !strings.Contains(text, "[fail] zookeeper/quorum") || !strings.Contains(text, "is not healthy") {
			t.Errorf("verify text: exit %d\n%s", code, text)
		}
		st, _, _ := run(t, env, "status")
		if !strings.Contains(st, "ZooKeeper quorum lost (0 of 3 serving, 2 needed)") {
			t.Errorf("status text:\n%s", st)
		}
	})

	t.Run("healthy again during --wait", func(t *testing.T) {
		out, done := runAsync(t, env, "verify", "--wait", "20s")
		// Restart the members only once verify has seen the lab unhealthy.
		deadline := time.Now().Add(20 * time.Second)
		for !strings.Contains(out.String(), "pending:") {
			if time.Now().After(deadline) {
				t.Fatalf("verify --wait never reported pending checks:\n%s", out.String())
			}
			time.Sleep(50 * time.Millisecond)
		}
		e.Restart(leader)
		e.Restart(second)
		select {
		case code := <-done:
			if code != 0 || !strings.Contains(out.String(), `lab "default" is healthy`) {
				t.Errorf("verify --wait: exit %d\n%s\n%s", code, out.String(), e.Logs())
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("verify --wait 20s did not return:\n%s", out.String())
		}
	})
}

func TestVerifyUsage(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
	}{
		{[]string{"verify", "extra"}, "verify takes no arguments"},
		{[]string{"verify", "--wait", "-1s"}, "--wait -1s: use a positive duration"},
		{[]string{"verify", "--wait", "soon"}, `--wait "soon": not a duration; use a duration such as 90s or 5m`},
		{[]string{"verify", "-o", "yaml"}, `--output "yaml"`},
	}
	for _, tt := range tests {
		_, stderr, code := run(t, loopbackHome(t), tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.wantErr) {
			t.Errorf("%v: exit %d, stderr %q, want %d and %q", tt.args, code, stderr, exitUsage, tt.wantErr)
		}
	}
}
