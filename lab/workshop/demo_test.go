package workshop

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// The demo flow against a fake lab on loopback: Marathon, Chronos, agents
// and Mesos-DNS serving the documented formats, since none of them can run
// on the build machine.

func TestGoldenDemoDeploy(t *testing.T) {
	l := newFakeLab(t)
	l.appScript = []string{"marathon/app-demo-staged.json", "marathon/app-demo-partial.json", "marathon/app-demo-running.json"}
	// Mesos-DNS publishes the app on its refresh after the fifth poll.
	l.clock.onSleep = func(n int) {
		if n == 5 {
			l.publishDNS()
		}
	}
	var events []Event
	rep, err := l.demo(&events).Deploy(context.Background(), DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The fake's port changes with every run; the golden file says PORT.
	golden(t, "demo-deploy.txt", strings.ReplaceAll(timelineText(t, events), ":"+itoa(l.http.Port)+")", ":PORT)"))

	var agents []string
	for _, task := range rep.Tasks {
		agents = append(agents, task.Agent)
	}
	if strings.Join(agents, " ") != "agent1 agent2 agent3" {
		t.Errorf("tasks run on %v", agents)
	}
	if rep.Running.Std() != 4*time.Second || rep.Updated {
		t.Errorf("running after %s, updated %v; want 4s (two polls), created", rep.Running, rep.Updated)
	}
	if rep.Job == nil || rep.Job.Next.Format(time.RFC3339) != "2026-03-02T10:17:00Z" || rep.Job.Chronos != "http://127.0.0.11:"+itoa(l.http.Port)+"/v1/scheduler" {
		t.Errorf("job = %+v", rep.Job)
	}
	if rep.DNS == nil || rep.DNS.Node != "master1" || len(rep.DNS.A) != 3 || len(rep.DNS.SRV) != 3 {
		t.Errorf("dns = %+v", rep.DNS)
	}
	var app stack.App
	if err := json.Unmarshal([]byte(l.posted[0]), &app); err != nil || app.Container != nil || app.Instances != 3 {
		t.Errorf("posted app = %s (%v), want 3 shell instances", l.posted[0], err)
	}
	if len(rep.Events) != len(events) {
		t.Errorf("report keeps %d events, %d were sent", len(rep.Events), len(events))
	}
}

func TestDemoDockerReplacesTheShellApp(t *testing.T) {
	l := newFakeLab(t)
	l.appExists = true
	l.publishDNS()
	var events []Event
	rep, err := l.demo(&events).Deploy(context.Background(), DeployOptions{Image: "busybox:1.36"})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Updated || rep.Image != "busybox:1.36" {
		t.Errorf("report = %+v, want an update to the Docker app", rep)
	}
	if len(l.posted) != 2 {
		t.Fatalf("posted %d definitions, want POST then PUT", len(l.posted))
	}
	var app stack.App
	if err := json.Unmarshal([]byte(l.posted[1]), &app); err != nil {
		t.Fatal(err)
	}
	if app.Container == nil || app.Container.Type != "DOCKER" || app.Container.Docker.Image != "busybox:1.36" {
		t.Errorf("PUT body = %s, want a DOCKER container of busybox:1.36", l.posted[1])
	}
	if !strings.Contains(events[1].Message, "existed; replaced its definition") {
		t.Errorf("event = %q", events[1].Message)
	}
}

func TestDemoRefusesWhatIsOffOrSilent(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(l *fakeLab)
		wantOff bool
		want    []string
	}{
		{"Marathon switched off", func(l *fakeLab) { l.target.Components.Marathon = false }, true,
			[]string{"Marathon is switched off in this lab (components.marathon: false)"}},
		{"Chronos switched off", func(l *fakeLab) { l.target.Components.Chronos = false }, true,
			[]string{"Chronos is switched off in this lab (components.chronos: false)"}},
		{"Mesos switched off", func(l *fakeLab) { l.target.Components.Mesos = false }, true,
			[]string{"Mesos is switched off"}},
		{"no Marathon leader anywhere", func(l *fakeLab) {
			l.http.handle("GET /v2/leader", stacktest.ServeJSON(404, testdata(l.t, "marathon/no-leader-404.json")), testMasters...)
		}, false, []string{"Marathon does not answer on any master", "master1 (127.0.0.11:", "master3 (127.0.0.13:", "There is no leader",
			"`mesoslab ssh master1 -- sudo journalctl -u marathon`"}},
		{"no Chronos job API anywhere", func(l *fakeLab) {
			l.http.handle("GET /v1/scheduler/jobs", stacktest.ServeJSON(503, nil), testMasters...)
		}, false, []string{"Chronos does not answer on any master", "HTTP 503", "journalctl -u chronos"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newFakeLab(t)
			tt.setup(l)
			var events []Event
			_, err := l.demo(&events).Deploy(context.Background(), DeployOptions{})
			if err == nil {
				t.Fatal("deploy succeeded")
			}
			if errors.Is(err, ErrSwitchedOff) != tt.wantOff {
				t.Errorf("errors.Is(ErrSwitchedOff) = %v, want %v", !tt.wantOff, tt.wantOff)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if len(l.posted) != 0 {
				t.Errorf("the app was posted although a framework is missing")
			}
			if last := events[len(events)-1]; last.Kind != EventError {
				t.Errorf("last event = %+v, want the error", last)
			}
		})
	}
}

func TestDemoUsesTheFirstMarathonThatAnswers(t *testing.T) {
	l := newFakeLab(t)
	l.publishDNS()
	l.http.handle("GET /v2/leader", stacktest.ServeJSON(503, []byte("Could not determine the current leader")), testMasters[0])
	var events []Event
	rep, err := l.demo(&events).Deploy(context.Background(), DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(rep.Marathon, "http://127.0.0.12:") {
		t.Errorf("deployed through %s, want master2", rep.Marathon)
	}
	if n := l.http.Count("127.0.0.12", "POST", "/v2/apps"); n != 1 {
		t.Errorf("%d POSTs to master2", n)
	}
}

func TestDemoWaitsAreBounded(t *testing.T) {
	t.Run("tasks never all run", func(t *testing.T) {
		l := newFakeLab(t)
		l.appScript = []string{"marathon/app-demo-failing.json"}
		var events []Event
		d := l.demo(&events)
		d.Wait = time.Minute
		rep, err := d.Deploy(context.Background(), DeployOptions{Image: "busybox:1.36"})
		if !errors.Is(err, ErrTimeout) {
			t.Fatalf("err = %v, want ErrTimeout", err)
		}
		for _, w := range []string{"app /demo: 2 of 3 tasks running after 1m0s", "last task failure on agent3: TASK_FAILED Failed to launch container",
			"`mesoslab ssh agent1 -- sudo journalctl -u mesos-agent`"} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error %q lacks %q", err, w)
			}
		}
		if rep.Running.Std() != time.Minute {
			t.Errorf("waited %s on the fake clock, want the 1m bound", rep.Running)
		}
		// One wait line per change, not per poll.
		waits := 0
		for _, e := range events {
			if e.Kind == EventWait {
				waits++
			}
		}
		if waits != 1 {
			t.Errorf("%d wait events for an unchanging state, want 1", waits)
		}
	})
	t.Run("Mesos-DNS never publishes the app", func(t *testing.T) {
		l := newFakeLab(t)
		var events []Event
		d := l.demo(&events)
		d.DNSWait = 30 * time.Second
		rep, err := d.Deploy(context.Background(), DeployOptions{})
		if !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "Mesos-DNS gave no A and SRV records for /demo within 30s") ||
			!strings.Contains(err.Error(), "name not found") && !strings.Contains(err.Error(), "no such host") {
			t.Fatalf("err = %v", err)
		}
		if len(rep.Tasks) != 3 || rep.Job == nil {
			t.Errorf("report lost what was done: %+v", rep)
		}
	})
	t.Run("Ctrl-C while waiting", func(t *testing.T) {
		l := newFakeLab(t)
		l.appScript = []string{"marathon/app-demo-staged.json"}
		ctx, cancel := context.WithCancel(context.Background())
		l.clock.onSleep = func(n int) { cancel() }
		var events []Event
		_, err := l.demo(&events).Deploy(ctx, DeployOptions{})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}

func TestDemoWithoutMesosDNS(t *testing.T) {
	l := newFakeLab(t)
	l.target.Components.MesosDNS = false
	var events []Event
	rep, err := l.demo(&events).Deploy(context.Background(), DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	last := events[len(events)-1]
	if rep.DNS != nil || last.Kind != EventWarn || !strings.Contains(last.Message, "components.mesos_dns: false") {
		t.Errorf("dns %+v, last event %+v", rep.DNS, last)
	}
	if l.dns.Queries() != 0 {
		t.Errorf("%d DNS queries to a switched-off Mesos-DNS", l.dns.Queries())
	}
}

func TestDemoOnChronos2(t *testing.T) {
	l := newFakeLab(t)
	l.publishDNS()
	l.http.handle("GET /v1/scheduler/jobs", http.NotFound, testMasters...)
	l.serveChronos("/scheduler")
	var events []Event
	rep, err := l.demo(&events).Deploy(context.Background(), DeployOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(rep.Job.Chronos, "/scheduler") || strings.HasSuffix(rep.Job.Chronos, "/v1/scheduler") {
		t.Errorf("job created through %s, want the 2.x API", rep.Job.Chronos)
	}
}
