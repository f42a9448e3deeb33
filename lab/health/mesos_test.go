package health

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// The Mesos, Marathon and Chronos payloads in these tests are documented
// formats served by httptest fakes on 127.0.0.x, because those services
// cannot run on the build machines.

func probeFake(t *testing.T, f *fakeLab, tgt Target) Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return (&Prober{}).Probe(ctx, tgt)
}

func TestProbeHealthyLab(t *testing.T) {
	f := newFakeLab(t)
	f.healthy(t)
	rep := probeFake(t, f, f.target())

	for _, c := range rep.Checks {
		if c.Status != StatusOK {
			t.Errorf("%s: %s %q (fix %q)", c.ID, c.Status, c.Finding, c.Fix)
		}
	}
	if !rep.Healthy() {
		t.Error("healthy lab reported unhealthy")
	}
	wantIDs := []string{
		"mesos/master1", "mesos/master2", "mesos/master3", "mesos/leader", "mesos/agents",
		"mesos-agent/agent1", "mesos-agent/agent2", "mesos-agent/agent3",
		"marathon/master1", "marathon/master2", "marathon/master3", "marathon/framework",
		"chronos/master1", "chronos/master2", "chronos/master3", "chronos/framework",
	}
	if got := checkIDs(rep); len(got) != len(wantIDs) {
		t.Fatalf("checks %v, want %v", got, wantIDs)
	}
	for i, id := range wantIDs {
		if rep.Checks[i].ID != id {
			t.Errorf("check %d is %s, want %s", i, rep.Checks[i].ID, id)
		}
	}
	wantCheck(t, rep, "mesos/leader", StatusOK, "master1 (127.0.0.11) leads", "3 of 3")
	wantCheck(t, rep, "mesos/master2", StatusOK, "standby", "master1:5050")
	if rep.Mesos.Leader != (Node{"master1", "127.0.0.11"}) {
		t.Errorf("leader %+v", rep.Mesos.Leader)
	}
	if len(rep.Mesos.Agents) != 3 || rep.Mesos.Agents[2].Node != "agent3" || !rep.Mesos.Agents[2].Active {
		t.Errorf("agents %+v", rep.Mesos.Agents)
	}
	if len(rep.Mesos.Frameworks) != 2 || rep.Mesos.Frameworks[0].Name != "marathon" {
		t.Errorf("frameworks %+v", rep.Mesos.Frameworks)
	}
	if len(rep.Marathon) != 3 || rep.Marathon[0].Leader != "master2:8080" || rep.Marathon[0].Version != "1.5.0-SNAPSHOT" {
		t.Errorf("marathon facts %+v", rep.Marathon)
	}
	if len(rep.Chronos) != 3 || rep.Chronos[1].Jobs != 2 || rep.Chronos[1].API != "/v1/scheduler" {
		t.Errorf("chronos facts %+v", rep.Chronos)
	}
	// Only the leader serves the agent and framework lists.
	for _, m := range testMasters[1:] {
		if n := f.Hits(m.Addr, "/master/slaves") + f.Hits(m.Addr, "/master/frameworks"); n != 0 {
			t.Errorf("standby %s was asked for leader-only lists %d times", m.Name, n)
		}
	}
}

func TestProbeMissingAndInactiveAgents(t *testing.T) {
	f := newFakeLab(t)
	f.healthy(t)
	f.Set("127.0.0.11", "/master/slaves", 200, testdata(t, "mesos/slaves-degraded.json"))
	f.Set("127.0.0.22", "/health", http.StatusServiceUnavailable, "")
	rep := probeFake(t, f, f.target())

	c := wantCheck(t, rep, "mesos/agents", StatusFail, "1 of 3 agents", "agent2 not registered", "agent3 registered but inactive")
	if want := "mesoslab ssh agent2 -- sudo journalctl -u mesos-agent"; c.Fix[:len(want)] != want {
		t.Errorf("fix %q", c.Fix)
	}
	wantCheck(t, rep, "mesos-agent/agent2", StatusFail, "HTTP 503")
	wantCheck(t, rep, "mesos-agent/agent1", StatusOK, "healthy")
	if len(rep.Mesos.Agents) != 2 || rep.Mesos.Agents[1].Node != "agent3" || rep.Mesos.Agents[1].Active {
		t.Errorf("agents %+v", rep.Mesos.Agents)
	}
}

func TestProbeInactiveFramework(t *testing.T) {
	f := newFakeLab(t)
	f.healthy(t)
	f.Set("127.0.0.11", "/master/frameworks", 200, testdata(t, "mesos/frameworks-marathon-inactive.json"))
	rep := probeFake(t, f, f.target())

	c := wantCheck(t, rep, "marathon/framework", StatusFail, "inactive and disconnected", "scheduler on master2")
	if c.Fix != "mesoslab ssh master2 -- sudo journalctl -u marathon" {
		t.Errorf("fix %q", c.Fix)
	}
	wantCheck(t, rep, "chronos/framework", StatusOK, "chronos framework active on master1")
}

func TestProbeFrameworkMissing(t *testing.T) {
	f := newFakeLab(t)
	f.healthy(t)
	f.Set("127.0.0.11", "/master/frameworks", 200, `{"frameworks":[],"completed_frameworks":[],"unregistered_frameworks":[]}`)
	rep := probeFake(t, f, f.target())
	wantCheck(t, rep, "marathon/framework", StatusFail, "marathon is not registered")
	wantCheck(t, rep, "chronos/framework", StatusFail, "chronos is not registered")
}

// Masters without /master/frameworks still list frameworks in /master/state.
func TestProbeFrameworksFromState(t *testing.T) {
	f := newFakeLab(t)
	f.healthy(t)
	f.Set("127.0.0.11", "/master/frameworks", http.StatusNotFound, "")
	f.Set("127.0.0.11", "/master/state", 200, testdata(t, "mesos/state-leader.json"))
	rep := probeFake(t, f, f.target())
	wantCheck(t, rep, "marathon/framework", StatusOK)
	wantCheck(t, rep, "chronos/framework", StatusOK)
	if f.Hits("127.0.0.11", "/master/state") != 1 {
		t.Error("/master/state was not asked")
	}
}

func TestProbeUnreachableMaster(t *testing.T) {
	f := newFakeLab(t)
	f.healthy(t)
	tgt := f.target()
	// Nothing listens on 127.0.0.14: master3 is down.
	tgt.Masters = []Node{testMasters[0], testMasters[1], {"master3", "127.0.0.14"}}
	rep := probeFake(t, f, tgt)

	wantCheck(t, rep, "mesos/master3", StatusFail, "master3 (127.0.0.14:", "connection refused")
	wantCheck(t, rep, "mesos/leader", StatusOK, "2 of 3 masters answer and agree")
	wantCheck(t, rep, "marathon/master3", StatusFail, "does not answer")
	wantCheck(t, rep, "chronos/master3", StatusFail, "connection refused")
}

func TestProbeSkipsSwitchedOffComponents(t *testing.T) {
	f := newFakeLab(t)
	f.healthy(t)
	tgt := f.target()
	tgt.Components = Components{Mesos: true}
	rep := probeFake(t, f, tgt)
	for _, c := range rep.Checks {
		switch c.ID[:5] {
		case "mesos":
		default:
			t.Errorf("switched-off component probed: %s", c.ID)
		}
	}
	if f.Hits("127.0.0.11", "/ping")+f.Hits("127.0.0.11", "/v1/scheduler/jobs") != 0 {
		t.Error("Marathon or Chronos was asked")
	}
	if rep.Marathon != nil || rep.Chronos != nil {
		t.Error("facts for switched-off components")
	}
	if _, found := rep.Check("marathon/framework"); found {
		t.Error("framework checked for a switched-off Marathon")
	}
}
