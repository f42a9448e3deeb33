package provision_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// shell is a Shell step whose check passes once the node ran its apply.
func shell(name string) provision.Step {
	return provision.Shell(provision.ShellSpec{Name: name, Check: "check " + name, Apply: "apply " + name})
}

// node returns a fake on which every step is missing until applied; steps
// named in broken fail to apply.
func node(name string, broken ...string) *provisiontest.Fake {
	f := provisiontest.New(name)
	var mu sync.Mutex
	applied := map[string]bool{}
	f.On(`^check `).Func(func(_ context.Context, c provision.Command) (provision.Result, error) {
		mu.Lock()
		defer mu.Unlock()
		if applied[strings.TrimPrefix(c.Cmd, "check ")] {
			return provision.Result{}, nil
		}
		res := provision.Result{ExitCode: 1}
		return res, f.ExitError(c, res)
	})
	f.On(`^apply `).Func(func(_ context.Context, c provision.Command) (provision.Result, error) {
		step := strings.TrimPrefix(c.Cmd, "apply ")
		for _, b := range broken {
			if b == step {
				res := provision.Result{ExitCode: 100, Stdout: []byte("Reading package lists...\n"), Stderr: []byte("E: Unable to locate package " + step + "\n")}
				return res, f.ExitError(c, res)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		applied[step] = true
		return provision.Result{}, nil
	})
	return f
}

func twoPhases(m1, m2, a1 provision.Runner) provision.Plan {
	return provision.Plan{
		{Name: "zookeeper", Component: "zookeeper", Targets: []provision.Target{
			{Node: "master1", Runner: m1, Steps: []provision.Step{shell("zk-pkg"), shell("zk-cfg")}},
			{Node: "master2", Runner: m2, Steps: []provision.Step{shell("zk-pkg"), shell("zk-cfg")}},
		}},
		{Name: "agents", Component: "mesos-agent", Targets: []provision.Target{
			{Node: "agent1", Runner: a1, Steps: []provision.Step{shell("agent-pkg")}},
		}},
	}
}

// recorder is an event sink that also proves Run never calls it concurrently.
type recorder struct {
	mu         sync.Mutex
	events     []provision.Event
	concurrent atomic.Bool
}

func (r *recorder) sink(ev provision.Event) {
	if !r.mu.TryLock() {
		r.concurrent.Store(true)
		r.mu.Lock()
	}
	defer r.mu.Unlock()
	r.events = append(r.events, ev)
}

func runPlan(t *testing.T, plan provision.Plan, opts provision.Options) (provision.Report, error, *recorder) {
	t.Helper()
	rec := &recorder{}
	opts.Events = rec.sink
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rep, err := provision.Run(ctx, plan, opts)
	if rec.concurrent.Load() {
		t.Error("the event sink was called concurrently")
	}
	return rep, err, rec
}

func TestRunAppliesThenIsIdempotent(t *testing.T) {
	m1, m2, a1 := node("master1"), node("master2"), node("agent1")
	plan := twoPhases(m1, m2, a1)
	rep, err, rec := runPlan(t, plan, provision.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Changed != 5 || rep.Unchanged != 0 || rep.Failed != 0 || len(rep.Results) != 5 {
		t.Fatalf("first run: %+v", rep)
	}
	if rep.Wall <= 0 || rep.StepTime <= 0 {
		t.Fatalf("want wall and step times, got %v and %v", rep.Wall, rep.StepTime)
	}
	// Report order is plan order, whatever order the nodes finished in.
	var order []string
	for _, r := range rep.Results {
		order = append(order, r.Node+"/"+r.Step)
	}
	if got := strings.Join(order, " "); got != "master1/zk-pkg master1/zk-cfg master2/zk-pkg master2/zk-cfg agent1/agent-pkg" {
		t.Fatalf("report order %s", got)
	}
	// Barrier: agent1 starts only after both masters ended the first phase.
	lastMaster, firstAgent := -1, -1
	for i, ev := range rec.events {
		if strings.HasPrefix(ev.Node, "master") && ev.Outcome != provision.Running {
			lastMaster = i
		}
		if ev.Node == "agent1" && firstAgent < 0 {
			firstAgent = i
		}
	}
	if firstAgent < lastMaster {
		t.Fatalf("agent1 started (event %d) before the masters finished (event %d)", firstAgent, lastMaster)
	}

	applied := m1.Count(`^apply `) + m2.Count(`^apply `) + a1.Count(`^apply `)
	rep, err, _ = runPlan(t, plan, provision.Options{})
	if err != nil || rep.Unchanged != 5 || rep.Changed != 0 {
		t.Fatalf("second run: %+v, %v", rep, err)
	}
	if m1.Count(`^apply `)+m2.Count(`^apply `)+a1.Count(`^apply `) != applied {
		t.Fatal("a converged run sent a change")
	}
}

func TestRunStopsAfterAFailedPhase(t *testing.T) {
	m1, m2, a1 := node("master1"), node("master2", "zk-pkg"), node("agent1")
	rep, err, _ := runPlan(t, twoPhases(m1, m2, a1), provision.Options{})
	var runErr *provision.RunError
	if !errors.As(err, &runErr) || len(runErr.Failures) != 1 || runErr.Phase != "zookeeper" {
		t.Fatalf("want a RunError for phase zookeeper, got %v", err)
	}
	var ce *provision.CmdError
	if !errors.As(err, &ce) || ce.ExitCode != 100 {
		t.Fatalf("want the command error inside, got %v", err)
	}
	for _, want := range []string{"master2", `step "zk-pkg"`, "`apply zk-pkg`", "exited with status 100", "E: Unable to locate package zk-pkg", "Reading package lists..."} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
	outcomes := map[string]provision.Outcome{}
	for _, r := range rep.Results {
		outcomes[r.Node+"/"+r.Step] = r.Outcome
	}
	want := map[string]provision.Outcome{
		"master1/zk-pkg": provision.Changed, "master1/zk-cfg": provision.Changed, // the other node finishes the phase
		"master2/zk-pkg": provision.Failed, "master2/zk-cfg": provision.Skipped, // the failed node stops
	}
	if fmt.Sprint(outcomes) != fmt.Sprint(want) {
		t.Fatalf("outcomes %v, want %v (no later phase)", outcomes, want)
	}
	if len(a1.Commands()) != 0 || rep.Failed != 1 || rep.Skipped != 1 || rep.Changed != 2 {
		t.Fatalf("the next phase ran or the counts are off: %+v", rep)
	}
}

func TestRunDryRunSendsNoChange(t *testing.T) {
	m1, m2, a1 := node("master1"), node("master2"), node("agent1")
	rep, err, _ := runPlan(t, twoPhases(m1, m2, a1), provision.Options{DryRun: true})
	if err != nil || rep.WouldChange != 5 {
		t.Fatalf("%+v, %v", rep, err)
	}
	for _, f := range []*provisiontest.Fake{m1, m2, a1} {
		if n := f.Count(`^apply `); n != 0 {
			t.Fatalf("dry run applied %d steps", n)
		}
	}
}

func TestRunFilters(t *testing.T) {
	cases := []struct {
		name    string
		opts    provision.Options
		want    string // node/step of the results, in order
		skipped []string
		wantErr string
	}{
		{name: "by phase", opts: provision.Options{Only: []string{"agents"}}, want: "agent1/agent-pkg", skipped: []string{"zookeeper"}},
		{name: "by component", opts: provision.Options{Only: []string{"zookeeper"}}, want: "master1/zk-pkg master1/zk-cfg master2/zk-pkg master2/zk-cfg", skipped: []string{"agents"}},
		{name: "by node", opts: provision.Options{Nodes: []string{"master2", "agent1"}}, want: "master2/zk-pkg master2/zk-cfg agent1/agent-pkg"},
		{name: "unknown phase", opts: provision.Options{Only: []string{"zookeper"}}, wantErr: `no phase or component named "zookeper"`},
		{name: "unknown node", opts: provision.Options{Nodes: []string{"master9"}}, wantErr: `no node named "master9"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep, err, rec := runPlan(t, twoPhases(node("master1"), node("master2"), node("agent1")), tc.opts)
			if (err != nil) != (tc.wantErr != "") || (err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
			var got []string
			for _, r := range rep.Results {
				got = append(got, r.Node+"/"+r.Step)
			}
			if strings.Join(got, " ") != tc.want {
				t.Fatalf("ran %q, want %q", got, tc.want)
			}
			var skipped []string
			for _, ev := range rec.events {
				if ev.Step == "" && ev.Outcome == provision.Skipped {
					skipped = append(skipped, ev.Phase)
				}
			}
			if fmt.Sprint(skipped) != fmt.Sprint(tc.skipped) && len(skipped)+len(tc.skipped) > 0 {
				t.Fatalf("skipped phases %q, want %q", skipped, tc.skipped)
			}
		})
	}
}

func TestRunRejectsABrokenPlan(t *testing.T) {
	f := node("master1")
	plan := provision.Plan{
		{Name: "a", Targets: []provision.Target{{Node: "master1", Runner: f}, {Node: "master1", Runner: f}}},
		{Name: "a", Targets: []provision.Target{{Node: "master2"}}},
	}
	_, err := provision.Run(context.Background(), plan, provision.Options{})
	for _, want := range []string{`phase "a" appears twice`, `lists node "master1" twice`, `node "master2" has no runner`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not say %q", err, want)
		}
	}
}
