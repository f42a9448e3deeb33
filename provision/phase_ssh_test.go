package provision

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestRunOverSSH runs a two-phase plan on two real sshd nodes, then again:
// the second run must find everything in place and change nothing.
func TestRunOverSSH(t *testing.T) {
	nodes := []*testSSHD{newTestSSHD(t), newTestSSHD(t)}
	var targets, waits []Target
	for i, s := range nodes {
		s.start()
		name := fmt.Sprintf("master%d", i+1)
		r := s.dial(DialOptions{})
		myid := filepath.Join(s.dir, "zookeeper", "myid")
		targets = append(targets, Target{Node: name, Runner: r, Steps: []Step{
			File(FileSpec{Path: myid, Content: fmt.Appendf(nil, "%d\n", i+1), Owner: "root:root"}),
			Shell(ShellSpec{Name: "zookeeper data dir", Check: "test -d " + Quote(s.dir+"/data"), Apply: "mkdir -p " + Quote(s.dir+"/data")}),
		}})
		waits = append(waits, Target{Node: name, Runner: r, Steps: []Step{
			Wait(WaitSpec{Name: "sshd port", Probe: TCPFromNode("127.0.0.1", s.port), Timeout: 10 * time.Second}),
		}})
	}
	plan := Plan{{Name: "zookeeper", Targets: targets}, {Name: "ready", Targets: waits}}
	for run, want := range []struct{ changed, unchanged int }{{4, 2}, {0, 6}} {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		rep, err := Run(ctx, plan, Options{})
		cancel()
		if err != nil {
			t.Fatalf("run %d: %v", run+1, err)
		}
		if rep.Changed != want.changed || rep.Unchanged != want.unchanged {
			t.Fatalf("run %d: %d changed, %d unchanged; want %d and %d: %+v", run+1, rep.Changed, rep.Unchanged, want.changed, want.unchanged, rep.Results)
		}
	}
	for i, s := range nodes {
		data, err := os.ReadFile(filepath.Join(s.dir, "zookeeper", "myid"))
		if err != nil || string(data) != fmt.Sprintf("%d\n", i+1) {
			t.Fatalf("node %d: myid %q, %v", i+1, data, err)
		}
	}
}
