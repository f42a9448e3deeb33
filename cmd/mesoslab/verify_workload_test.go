package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/output"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// scriptedNodes is a NodeShell of scripted provisiontest.Fake nodes.
type scriptedNodes map[string]*provisiontest.Fake

func (s scriptedNodes) Runner(ctx context.Context, node string) (provision.Runner, error) {
	if f, ok := s[node]; ok {
		return f, nil
	}
	return nil, fmt.Errorf("no node %s", node)
}

func workloadTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "lab", "workshop", "testdata", "workload", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// verify --workload's report, in process, on the first real run of the
// issue (upstream review F2): lab.Verify probes the upstream-shaped fakes
// of lab/stack (stacktest; the fake master's /master/slaves names the
// agent IDs, lab/health/testdata/mesos/slaves.json), then
// lab.VerifyWorkload runs on scripted nodes (provisiontest.Fake) whose
// mesos-execute and journalctl answers are the payloads of
// lab/workshop/testdata/workload. Chronos is switched off here; its run is
// tested against the fake Chronos in lab/workshop.
func TestVerifyWorkloadReportOnScriptedNodesAndFakeMaster(t *testing.T) {
	p := fullLoopbackPlan(t)
	p.Spec.Components.Chronos = false
	l := &lab.Lab{Plan: p, Dir: lab.DirFor(t.TempDir(), "default")}
	rep, err := l.Verify(context.Background(), lab.VerifyOptions{Prober: fakeLabProber(t, func(*stacktest.Lab) {}), Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	nodes := scriptedNodes{}
	for _, n := range p.Nodes {
		nodes[n.Name] = provisiontest.New(n.Name)
	}
	nodes["master1"].On(`mesos-execute .*'--name=mesoslab-verify-docker'`).Stdout(workloadTestdata(t, "execute-docker-finished.txt"))
	nodes["master1"].On(`mesos-execute .*'--name=mesoslab-verify-cmd'`).Stdout(workloadTestdata(t, "execute-cmd-staging.txt")).Exit(124)
	nodes["agent1"].On(`^journalctl -u mesos-agent`).Stdout(workloadTestdata(t, "journal-agent1-cgroup-abort.txt"))

	wr, err := l.VerifyWorkload(context.Background(), rep, lab.WorkloadOptions{Shell: nodes})
	var failed *lab.WorkloadError
	if !errors.As(err, &failed) || len(failed.Report.Failed()) != 1 {
		t.Fatalf("want a WorkloadError with one failed run, got %v", err)
	}
	doc := newVerifyDoc(l, rep).withWorkload(wr)

	var out bytes.Buffer
	printVerify(output.NewPrinter(&out, false), doc)
	text := out.String()
	for _, want := range []string{
		"workload/docker", "`true` finished on agent2 with the docker containerizer (image busybox:1.36)",
		"workload/mesos", "the mesos containerizer on agent1: the task did not end within 3m0s (last: no status update); the agent aborted: agent1: Check failed: cgroups2::exists(flags.cgroups_root)",
		"/sys/fs/cgroup/mesos", "workload/chronos", "skipped: Chronos is switched off",
		"workload/mesos: last lines of mesos-agent on agent1", "status=6/ABRT", "1 failed, 0 degraded",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("verify --workload text lacks %q:\n%s", want, text)
		}
	}

	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var raw any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	var bad []string
	if badKeys("", raw, &bad); len(bad) > 0 {
		t.Errorf("verify --workload -o json: keys not snake_case or durations not seconds: %v", bad)
	}
	back := decodeVerify(t, string(b))
	if back.Healthy || back.Status != health.StatusFail || back.Workload == nil || len(back.Workload.Runs) != 3 {
		t.Fatalf("verify --workload -o json: healthy %v, status %s, workload %+v", back.Healthy, back.Status, back.Workload)
	}
	if c := check(t, back, "workload/docker"); c.Status != health.StatusOK {
		t.Errorf("workload/docker: %+v", c)
	}
	if c := check(t, back, "workload/mesos"); c.Status != health.StatusFail || c.Fix == "" {
		t.Errorf("workload/mesos: %+v", c)
	}
	mesos := back.Workload.Runs[1]
	if mesos.Containerizer != "mesos" || mesos.Agent != "agent1" || len(mesos.AgentLogs) != 1 || len(mesos.AgentLogs[0].Lines) != 7 {
		t.Errorf("the mesos run in JSON: %+v", mesos)
	}
}

func TestVerifyWorkloadUsage(t *testing.T) {
	tests := []struct {
		env  map[string]string
		args []string
		code int
		want string
	}{
		{loopbackHome(t), []string{"verify", "--workload"}, exitUsage, "is a loopback lab (subnet 127.0.0.0/24) with no machines to run tasks on"},
		{map[string]string{"MESOSLAB_LAB": "nowhere"}, []string{"verify", "--workload"}, exitFailure, `lab "nowhere" does not exist: run ` + "`mesoslab up`" + ` to build it`},
		{loopbackHome(t), []string{"verify", "--workload", "--workload-timeout", "0s"}, exitUsage, "--workload-timeout 0s: use a positive duration"},
	}
	for _, tt := range tests {
		_, stderr, code := run(t, tt.env, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}
