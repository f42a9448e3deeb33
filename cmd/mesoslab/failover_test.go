package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/seconds"
	"github.com/mesoslab/mesoslab/lab/workshop"
)

// failover against a loopback lab where nothing runs: the drill refuses an
// unhealthy lab before it opens any shell. The drills themselves are
// tested in package workshop against a fake cluster.

func TestFailoverCommandErrors(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  []string
	}{
		{"no drill", []string{"failover"}, exitUsage, []string{"failover needs one drill: mesos, zookeeper, quorum"}},
		{"unknown drill", []string{"failover", "marathon"}, exitUsage, []string{`(got "marathon")`}},
		{"two drills", []string{"failover", "mesos", "quorum"}, exitUsage, []string{"failover needs one drill"}},
		{"zero wait", []string{"failover", "--wait", "0s", "mesos"}, exitUsage, []string{"--wait 0s: use a positive duration"}},
		{"unknown option after the drill", []string{"failover", "mesos", "--forse"}, exitUsage,
			[]string{"`mesoslab failover` has no option --forse; did you mean --force?"}},
		{"unhealthy lab", []string{"failover", "zookeeper"}, exitFailure,
			[]string{"mesoslab: lab not healthy:", "first zookeeper/master1", "or pass --force"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, wsHome(t, wsLabConfig(wsOnlyZooKeeper)), tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out, errOut)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q lacks %q", errOut, w)
				}
			}
		})
	}
}

func TestFailoverNeedsABuiltLab(t *testing.T) {
	// No lab directory: nothing to drill.
	_, errOut, code := run(t, map[string]string{"MESOSLAB_LAB": "nowhere"}, "failover", "mesos")
	if code != exitFailure || !strings.Contains(errOut, "lab \"nowhere\" does not exist: run `mesoslab up` to build it") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

func TestFailoverJSONKeepsTheTimeline(t *testing.T) {
	out, _, code := run(t, wsHome(t, wsLabConfig(wsOnlyZooKeeper)), "failover", "-o", "json", "quorum")
	if code != exitFailure {
		t.Fatalf("exit %d", code)
	}
	for _, w := range []string{`"drill": "quorum"`, `"kind": "error"`, `"restored": true`, `"stopped": []`} {
		if !strings.Contains(out, w) {
			t.Errorf("json lacks %s:\n%s", w, out)
		}
	}
}

func TestTimelinePrinterPlain(t *testing.T) {
	var out bytes.Buffer
	tp := newTimelinePrinter(streams{Out: &out, LookupEnv: func(string) (string, bool) { return "", false }}, false)
	at := time.Date(2026, 3, 2, 10, 15, 30, 0, time.UTC)
	tp.event(workshop.Event{At: at, Kind: workshop.EventAction, Message: "stopped mesos-master on master1"})
	tp.event(workshop.Event{At: at.Add(3 * time.Second), Elapsed: seconds.Duration(3 * time.Second), Kind: workshop.EventError, Message: "said on stderr"})
	tp.event(workshop.Event{At: at.Add(3 * time.Second), Elapsed: seconds.Duration(3 * time.Second), Kind: workshop.EventResult, Message: "master2 elected"})
	tp.summary(failoverSummary(workshop.FailoverResult{Drill: workshop.DrillMesos, OldLeader: "master1", NewLeader: "master2",
		Reelection: seconds.Duration(3 * time.Second), Rejoined: seconds.Duration(2 * time.Second)}))
	want := "10:15:30.0  +00:00.0  action  stopped mesos-master on master1\n" +
		"10:15:33.0  +00:03.0  result  master2 elected\n" +
		"\n[ok]   mesos drill: master2 took over from master1 in 3.0s; master1 rejoined in 2.0s.\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}
