package main

import (
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab/workshop"
)

// The demo against a loopback lab where nothing runs: Mesos, Marathon and
// Chronos cannot run on the build machine, so these tests prove the
// command's errors and exit codes; package workshop tests the flow against
// fakes.

func TestDemoCommandErrors(t *testing.T) {
	tests := []struct {
		name     string
		config   string
		args     []string
		wantCode int
		wantErr  []string
	}{
		{"usage: unknown subcommand", wsEverything, []string{"demo", "bogus"}, exitUsage, []string{"unknown demo command \"bogus\""}},
		{"usage: image without docker", wsEverything, []string{"demo", "--image", "alpine:3"}, exitUsage, []string{"--image needs --docker"}},
		{"usage: logs takes no arguments", wsEverything, []string{"demo", "logs", "agent1"}, exitUsage, []string{"demo logs takes no arguments"}},
		{"usage: bad output", wsEverything, []string{"demo", "remove", "-o", "yaml"}, exitUsage, []string{"--output \"yaml\""}},
		{"Marathon switched off", wsOnlyZooKeeper, []string{"demo"}, exitFailure,
			[]string{"mesoslab: Mesos is switched off in this lab (components.mesos: false)"}},
		{"logs with Mesos switched off", wsOnlyZooKeeper, []string{"demo", "logs", "--follow"}, exitFailure,
			[]string{"Mesos is switched off in this lab"}},
		{"Marathon silent", wsEverything, []string{"demo", "--docker"}, exitFailure,
			[]string{"Marathon does not answer on any master: master1 (127.0.77.11:8080)", "connection refused",
				"`mesoslab ssh master1 -- sudo journalctl -u marathon`"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, wsHome(t, wsLabConfig(tt.config)), tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out, errOut)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q lacks %q", errOut, w)
				}
			}
			// The error is said once, on stderr, not again in the timeline.
			if strings.Contains(out, "error ") {
				t.Errorf("stdout repeats the error: %s", out)
			}
		})
	}
}

func TestDemoRemoveWithNothingSwitchedOn(t *testing.T) {
	cfg := wsLabConfig("  zookeeper: true\n  mesos: true\n  marathon: false\n  chronos: false\n  mesos_dns: false\n")
	out, errOut, code := run(t, wsHome(t, cfg), "demo", "remove")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, w := range []string{"Marathon is switched off: no app to remove", "Chronos is switched off: no job to remove", "The demo is gone."} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	out, _, code = run(t, wsHome(t, cfg), "demo", "remove", "-o", "json")
	if code != exitOK || !strings.HasPrefix(out, "{\n  \"app\": false,\n  \"job\": false,") {
		t.Errorf("json (exit %d):\n%s", code, out)
	}
}

func TestDemoSummary(t *testing.T) {
	got := demoSummary(workshop.DemoReport{App: "/demo", Tasks: []workshop.DemoTask{{Agent: "agent1"}, {Agent: "agent2"}}})
	want := "/demo runs on agent1, agent2. `mesoslab demo logs --follow` shows its dates, `mesoslab ui marathon` its page, `mesoslab demo remove` deletes it."
	if got != want {
		t.Errorf("summary = %q", got)
	}
}
