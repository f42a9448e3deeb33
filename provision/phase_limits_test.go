package provision_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

func TestRunBoundsParallelNodes(t *testing.T) {
	const limit = 2
	var inFlight, most atomic.Int32
	release := make(chan struct{})
	var once sync.Once
	var targets []provision.Target
	for i := range 5 {
		f := provisiontest.New(fmt.Sprint("agent", i))
		f.On(`^check`).Func(func(ctx context.Context, c provision.Command) (provision.Result, error) {
			n := inFlight.Add(1)
			defer inFlight.Add(-1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			if n >= limit {
				once.Do(func() { close(release) })
			}
			select {
			case <-release:
			case <-ctx.Done():
			}
			return provision.Result{}, nil
		})
		targets = append(targets, provision.Target{Node: fmt.Sprint("agent", i), Runner: f, Steps: []provision.Step{shell("x")}})
	}
	rep, err, _ := runPlan(t, provision.Plan{{Name: "agents", Targets: targets}}, provision.Options{Parallel: limit})
	if err != nil || rep.Unchanged != 5 {
		t.Fatalf("%+v, %v", rep, err)
	}
	if m := most.Load(); m != limit {
		t.Fatalf("%d nodes worked at once, want %d", m, limit)
	}
}

func TestRunCancelled(t *testing.T) {
	f := provisiontest.New("master1")
	started := make(chan struct{})
	f.On(`^check`).Func(func(ctx context.Context, c provision.Command) (provision.Result, error) {
		close(started)
		<-ctx.Done() // a long command, ended by the cancel
		return provision.Result{ExitCode: -1}, &provision.CmdError{Host: "master1", Cmd: c.Cmd, ExitCode: -1, Err: ctx.Err()}
	})
	plan := provision.Plan{
		{Name: "one", Targets: []provision.Target{{Node: "master1", Runner: f, Steps: []provision.Step{shell("x")}}}},
		{Name: "two", Targets: []provision.Target{{Node: "master1", Runner: f, Steps: []provision.Step{shell("y")}}}},
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-started; cancel() }()
	rep, err := provision.Run(ctx, plan, provision.Options{})
	if !errors.Is(err, context.Canceled) || len(rep.Results) != 1 || rep.Results[0].Outcome != provision.Failed {
		t.Fatalf("got %+v, %v", rep, err)
	}
}
