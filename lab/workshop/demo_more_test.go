package workshop

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// Logs and Remove against the fake lab on loopback.

func TestDemoLogsReadsTheSandboxStdout(t *testing.T) {
	tests := []struct {
		name, agent  string
		wantAgent    string
		wantSandbox  string
		wantErr      string
		appNotExists bool
	}{
		{name: "first agent", wantAgent: "agent1", wantSandbox: agent1Sandbox},
		{name: "chosen agent runs the Docker executor", agent: "agent2", wantAgent: "agent2",
			wantSandbox: "/var/lib/mesos/slaves/7c6a0e9e-5d1b-4e8a-b2f3-0d9c8b7a6f5e-S1/frameworks/7c6a0e9e-5d1b-4e8a-b2f3-0d9c8b7a6f5e-0000/executors/demo.2b3c4d5e-1628-11f1-9a3c-0242ac110002/runs/4fad2c3b-607e-4f8d-9bac-1d2e3f4a5b6c"},
		{name: "an agent without a task", agent: "agent9", wantErr: "no demo task runs on agent9; the demo runs on: agent1, agent2, agent3"},
		{name: "not deployed", appNotExists: true, wantErr: "the demo app /demo is not deployed; run `mesoslab demo` first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newFakeLab(t)
			l.appExists = !tt.appNotExists
			l.files.Append(tt.wantSandbox+"/stdout", tt.wantAgent+"\nMon Mar  2 10:15:34 UTC 2026\nMon Mar  2 10:15:35 UTC 2026\n")
			var events []Event
			var src LogSource
			var out strings.Builder
			err := l.demo(&events).Logs(context.Background(), LogsOptions{Agent: tt.agent}, &out, func(s LogSource) { src = s })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if src.Agent != tt.wantAgent || src.Sandbox != tt.wantSandbox || src.File != "stdout" {
				t.Errorf("source = %+v", src)
			}
			if want := tt.wantAgent + "\nMon Mar  2 10:15:34 UTC 2026\nMon Mar  2 10:15:35 UTC 2026\n"; out.String() != want {
				t.Errorf("log = %q, want %q", out.String(), want)
			}
		})
	}
}

func TestDemoLogsRejectsOtherFiles(t *testing.T) {
	l := newFakeLab(t)
	var events []Event
	err := l.demo(&events).Logs(context.Background(), LogsOptions{File: "../../etc/passwd"}, &strings.Builder{}, nil)
	if err == nil || !strings.Contains(err.Error(), "use stdout or stderr") {
		t.Errorf("err = %v", err)
	}
}

func TestDemoRemove(t *testing.T) {
	tests := []struct {
		name               string
		app, job           bool
		chronosOff         bool
		wantApp, wantJob   bool
		wantChronosDeletes int
		wantLast           string
	}{
		{name: "everything deployed", app: true, job: true, wantApp: true, wantJob: true, wantChronosDeletes: 1, wantLast: "deleted Chronos job demo"},
		{name: "nothing deployed", wantLast: "Chronos job demo did not exist"},
		{name: "Chronos switched off", app: true, chronosOff: true, wantApp: true, wantLast: "Chronos is switched off: no job to remove"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newFakeLab(t)
			l.appExists, l.jobExists = tt.app, tt.job
			l.target.Components.Chronos = !tt.chronosOff
			var events []Event
			rep, err := l.demo(&events).Remove(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if rep.App != tt.wantApp || rep.Job != tt.wantJob {
				t.Errorf("removed app %v job %v, want %v %v", rep.App, rep.Job, tt.wantApp, tt.wantJob)
			}
			deletes := 0
			for _, m := range testMasters {
				deletes += l.http.Count(m.Addr, "DELETE", "/v1/scheduler/job/demo")
			}
			if deletes != tt.wantChronosDeletes {
				t.Errorf("%d Chronos DELETEs, want %d", deletes, tt.wantChronosDeletes)
			}
			if last := events[len(events)-1].Message; last != tt.wantLast {
				t.Errorf("last event %q, want %q", last, tt.wantLast)
			}
			if tt.app && l.appExists {
				t.Error("the app is still there")
			}
		})
	}
}

func TestDemoRemoveWaitsForTheAppToGo(t *testing.T) {
	l := newFakeLab(t)
	l.appExists = true
	var events []Event
	if _, err := l.demo(&events).Remove(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The fake lists the app for two GETs after the DELETE: two polls.
	var gone *Event
	for i := range events {
		if strings.HasPrefix(events[i].Message, "app /demo is gone") {
			gone = &events[i]
		}
	}
	if gone == nil || gone.Took.Std() != 2*DefaultDemoPoll {
		t.Errorf("gone event = %+v, want it after two polls", gone)
	}

	l = newFakeLab(t)
	l.appExists = true
	l.http.handle("DELETE /v2/apps/demo", stacktest.ServeJSON(200, testdata(t, "marathon/deployment-result-200.json")), testMasters...)
	d := l.demo(&events)
	d.Wait = 10 * DefaultDemoPoll
	_, err := d.Remove(context.Background())
	if !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "still listed by Marathon") {
		t.Errorf("err = %v, want a timeout: the fake never drops the app", err)
	}
}
