package health

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// Leader election as the masters report it. The Mesos payloads are
// documented formats served by httptest fakes on 127.0.0.x: Mesos cannot
// run on the build machines.

func TestProbeNoMesosLeader(t *testing.T) {
	f := newFakeLab(t)
	f.healthy(t)
	for _, m := range testMasters {
		f.Set(m.Addr, "/metrics/snapshot", 200, testdata(t, "mesos/metrics-standby.json"))
		f.Set(m.Addr, "/master/redirect", http.StatusServiceUnavailable, "No leader elected")
	}
	rep := probeFake(t, f, f.target())

	wantCheck(t, rep, "mesos/leader", StatusFail, "no Mesos master is elected", "3 of 3")
	c := wantCheck(t, rep, "mesos/master2", StatusFail, "knows no leader", "503")
	if c.Fix != "mesoslab ssh master2 -- sudo journalctl -u mesos-master" {
		t.Errorf("fix %q", c.Fix)
	}
	wantCheck(t, rep, "mesos/agents", StatusFail, "not checked")
	wantCheck(t, rep, "marathon/framework", StatusFail, "not checked")
	if rep.Mesos.Leader != (Node{}) {
		t.Errorf("leader %+v with none elected", rep.Mesos.Leader)
	}
	if rep.Healthy() || rep.Worst() != StatusFail {
		t.Error("lab without leader reported healthy")
	}
}

func TestProbeSplitBrain(t *testing.T) {
	f := newFakeLab(t)
	f.healthy(t)
	f.Set("127.0.0.12", "/metrics/snapshot", 200, testdata(t, "mesos/metrics-leader.json"))
	f.Redirect("127.0.0.12", "//master2:5050")
	rep := probeFake(t, f, f.target())

	wantCheck(t, rep, "mesos/leader", StatusFail, "split brain", "master1 and master2")
	wantCheck(t, rep, "mesos/master1", StatusOK, "elected leader")
	wantCheck(t, rep, "mesos/master2", StatusOK, "elected leader")
	if rep.Mesos.Leader != (Node{}) {
		t.Errorf("leader %+v in a split brain", rep.Mesos.Leader)
	}
}

// Mesos's Location is protocol-relative and names the leader's --hostname,
// an FQDN, or its IP; each must map back to the lab's node.
func TestProbeLeaderLocationMapping(t *testing.T) {
	tests := []struct {
		name     string
		location string // what every master's /master/redirect says
		master3  string // what master3 says instead, if set
		status   Status
		finding  string
	}{
		{"hostname", "//master2:5050", "", StatusOK, "master2 (127.0.0.12) leads"},
		{"ip with path", "//127.0.0.12:5050/master/redirect", "", StatusOK, "master2 (127.0.0.12) leads"},
		{"fqdn", "//master2.mesoslab.test:5050", "", StatusOK, "master2 (127.0.0.12) leads"},
		{"absolute url", "http://master2:5050/master/redirect", "", StatusOK, "master2 (127.0.0.12) leads"},
		{"disagreeing standby", "//master2:5050", "//master1:5050", StatusFail, "master2 is elected but master3 redirects to master1"},
		{"stranger", "//master2:5050", "//master9:5050", StatusFail, "master3 redirects to master9:5050, not a master of this lab"},
		{"standby without leader", "//master2:5050", "503", StatusFail, "master3 knows no leader"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeLab(t)
			f.healthy(t)
			f.Set("127.0.0.11", "/metrics/snapshot", 200, testdata(t, "mesos/metrics-standby.json"))
			f.Set("127.0.0.12", "/metrics/snapshot", 200, testdata(t, "mesos/metrics-leader.json"))
			f.Set("127.0.0.12", "/master/slaves", 200, testdata(t, "mesos/slaves.json"))
			f.Set("127.0.0.12", "/master/frameworks", 200, testdata(t, "mesos/frameworks.json"))
			for _, m := range testMasters {
				f.Redirect(m.Addr, tt.location)
			}
			switch tt.master3 {
			case "":
			case "503":
				f.Set("127.0.0.13", "/master/redirect", http.StatusServiceUnavailable, "No leader elected")
			default:
				f.Redirect("127.0.0.13", tt.master3)
			}
			rep := probeFake(t, f, f.target())
			wantCheck(t, rep, "mesos/leader", tt.status, tt.finding)
			// One elected master is the leader to read from, even when a standby disagrees.
			if rep.Mesos.Leader != (Node{"master2", "127.0.0.12"}) {
				t.Errorf("leader %+v", rep.Mesos.Leader)
			}
			wantCheck(t, rep, "mesos/agents", StatusOK, "with master2")
		})
	}
}

// A client that follows redirects must not make the prober follow one.
func TestProbeDoesNotFollowRedirects(t *testing.T) {
	f := newFakeLab(t)
	f.healthy(t)
	for _, m := range testMasters {
		f.Redirect(m.Addr, "//127.0.0.11:"+itoa(f.Port))
	}
	follows := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rep := (&Prober{HTTP: follows}).Probe(ctx, f.target())
	wantCheck(t, rep, "mesos/leader", StatusOK, "master1 (127.0.0.11) leads")
	if n := f.Hits("127.0.0.11", "/"); n != 0 {
		t.Errorf("the redirect target was fetched %d times", n)
	}
	if follows.CheckRedirect == nil {
		t.Error("the caller's client was modified")
	}
}
