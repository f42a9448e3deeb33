package provision_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

const (
	unitState  = `systemctl is-enabled .*systemctl is-active`
	unitChange = `^systemctl daemon-reload`
)

func TestServiceWithFakeNode(t *testing.T) {
	cases := []struct {
		name             string
		enabled, running bool
		before, after    string
		dryRun           bool
		changeRC         int
		want             provision.Outcome
		wantCmd          string // the change command, if any
		wantErr          string
	}{
		{name: "enabled and running", enabled: true, running: true, before: "enabled\nactive\n", want: provision.Unchanged},
		{name: "static unit counts as enabled", enabled: true, running: true, before: "static\nactive\n", want: provision.Unchanged},
		{name: "start and enable", enabled: true, running: true, before: "disabled\ninactive\n", after: "enabled\nactive\n",
			want: provision.Changed, wantCmd: "systemctl daemon-reload && systemctl enable zookeeper && systemctl start zookeeper"},
		{name: "start a failed unit", enabled: true, running: true, before: "enabled\nfailed\n", after: "enabled\nactive\n",
			want: provision.Changed, wantCmd: "systemctl daemon-reload && systemctl start zookeeper"},
		{name: "stop and disable", before: "enabled\nactive\n", after: "disabled\ninactive\n",
			want: provision.Changed, wantCmd: "systemctl daemon-reload && systemctl disable zookeeper && systemctl stop zookeeper"},
		{name: "stopped and disabled", before: "disabled\ninactive\n", want: provision.Unchanged},
		{name: "dry run", enabled: true, running: true, before: "disabled\ninactive\n", dryRun: true, want: provision.WouldChange},
		{name: "unit missing", enabled: true, running: true, before: "\ninactive\n", after: "\ninactive\n", changeRC: 5,
			want: provision.Failed, wantCmd: "systemctl daemon-reload && systemctl enable zookeeper && systemctl start zookeeper", wantErr: "exited with status 5"},
		{name: "start does not stick", enabled: true, running: true, before: "enabled\ninactive\n", after: "enabled\nfailed\n",
			want: provision.Failed, wantCmd: "systemctl daemon-reload && systemctl start zookeeper", wantErr: "apply did not converge"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			node := provisiontest.New("master1")
			node.On(unitState).Times(2).Stdout(tc.before) // Check, then Apply's own look
			node.On(unitState).Stdout(tc.after)
			node.On(unitChange).Exit(tc.changeRC).Stderr("Failed to enable unit: Unit file zookeeper.service does not exist.\n")

			step := provision.Service(provision.ServiceSpec{Name: "zookeeper", Enabled: tc.enabled, Running: tc.running})
			got, err := converge(t, node, step, tc.dryRun)
			if got != tc.want || (err != nil) != (tc.wantErr != "") || (err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("got %s, %v; want %s and an error saying %q", got, err, tc.want, tc.wantErr)
			}
			var changes []string
			for _, c := range node.Commands() {
				if strings.HasPrefix(c.Cmd, "systemctl daemon-reload") {
					changes = append(changes, c.Cmd)
					if !c.Sudo {
						t.Errorf("change without sudo: %s", c.Cmd)
					}
				}
			}
			if (tc.wantCmd == "" && len(changes) > 0) || (tc.wantCmd != "" && (len(changes) != 1 || changes[0] != tc.wantCmd)) {
				t.Fatalf("change commands %q, want %q", changes, tc.wantCmd)
			}
		})
	}
}

// TestServiceRestartsWhenAWatchedFileChanged runs a plan in which one node's
// configuration changes and another's does not: only the first restarts.
func TestServiceRestartsWhenAWatchedFileChanged(t *testing.T) {
	cfg := provision.File(provision.FileSpec{Path: "/etc/zookeeper/conf/zoo.cfg", Content: []byte("tickTime=2000\n")})
	svc := provision.Service(provision.ServiceSpec{Name: "zookeeper", Enabled: true, Running: true, RestartOn: []provision.Step{cfg}})
	right := fileState("tickTime=2000\n", "644 root:root 0:0")

	for _, dry := range []bool{true, false} {
		changed := provisiontest.New("master1")
		changed.On(fileCheck).Times(1).Stdout("absent\n")
		changed.On(fileCheck).Stdout(right)
		changed.On(fileWrite)
		same := provisiontest.New("master2")
		same.On(fileCheck).Stdout(right)
		for _, n := range []*provisiontest.Fake{changed, same} {
			n.On(unitState).Stdout("enabled\nactive\n")
			n.On(`systemctl restart`)
		}
		// The file and the service sit in different phases: the change is
		// remembered per node across the barrier.
		plan := provision.Plan{
			{Name: "config", Targets: []provision.Target{{Node: "master1", Runner: changed, Steps: []provision.Step{cfg}}, {Node: "master2", Runner: same, Steps: []provision.Step{cfg}}}},
			{Name: "start", Targets: []provision.Target{{Node: "master1", Runner: changed, Steps: []provision.Step{svc}}, {Node: "master2", Runner: same, Steps: []provision.Step{svc}}}},
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		rep, err := provision.Run(ctx, plan, provision.Options{DryRun: dry})
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		want := map[bool]provision.Outcome{true: provision.WouldChange, false: provision.Changed}[dry]
		if got := rep.Node("master1")[1].Outcome; got != want {
			t.Fatalf("dry run %v: master1's service %s, want %s", dry, got, want)
		}
		if got := rep.Node("master2")[1].Outcome; got != provision.Unchanged {
			t.Fatalf("dry run %v: master2's service %s, want unchanged", dry, got)
		}
		if n := changed.Count(`systemctl restart`); n != map[bool]int{true: 0, false: 1}[dry] {
			t.Fatalf("dry run %v: master1 restarted %d times", dry, n)
		}
		if n := same.Count(`systemctl restart`); n != 0 {
			t.Fatalf("master2 restarted %d times, but its file did not change", n)
		}
	}
}
