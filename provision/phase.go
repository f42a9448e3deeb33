package provision

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"golang.org/x/sync/errgroup"
)

// Plan is the whole provisioning, read top to bottom: phase after phase.
type Plan []Phase

// Phase is a set of nodes that work concurrently; the next phase starts only
// when every node finished this one (a barrier), so a phase may rely on the
// previous one, such as a ZooKeeper quorum before the Mesos masters.
type Phase struct {
	Name      string   // unique in the plan ("zookeeper-quorum")
	Component string   // optional grouping that Options.Only also matches ("zookeeper")
	Targets   []Target // at most one per node
}

// Target is the work of one node in one phase.
type Target struct {
	Node   string
	Runner Runner
	Steps  []Step
}

// Options tune a Run.
type Options struct {
	// DryRun runs only Checks and reports WouldChange where Apply would run.
	DryRun bool
	// Only keeps the phases whose Name or Component is listed; empty keeps all.
	Only []string
	// Nodes keeps these nodes; empty keeps all.
	Nodes []string
	// Parallel bounds the nodes working at once; 0 means DefaultParallel.
	Parallel int
	// Events receives progress; Run never calls it concurrently.
	Events func(Event)
}

// DefaultParallel bounds the nodes that work at once when Options.Parallel is 0.
const DefaultParallel = 8

// Run executes plan. In each phase the nodes run their steps in order and
// concurrently with each other. A failed step stops its node: the node's
// remaining steps in the phase are Skipped, the other nodes finish the phase,
// and Run returns a *RunError naming every failed node and step. Later
// phases do not run and are not in the Report. The Report is returned in
// every case, so far as the run got.
func Run(ctx context.Context, plan Plan, opts Options) (rep Report, err error) {
	start := time.Now()
	defer func() { rep.Wall = time.Since(start) }()
	if err := validate(plan, opts); err != nil {
		return rep, err
	}
	parallel := opts.Parallel
	if parallel <= 0 {
		parallel = DefaultParallel
	}
	em := &emitter{sink: opts.Events}
	changes := map[string]*nodeChanges{}

	for _, ph := range plan {
		if len(opts.Only) > 0 && !slices.Contains(opts.Only, ph.Name) && !slices.Contains(opts.Only, ph.Component) {
			em.emit(Event{Phase: ph.Name, Outcome: Skipped})
			continue
		}
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("before phase %q: %w", ph.Name, err)
		}
		targets := selectTargets(ph.Targets, opts.Nodes)
		for _, t := range targets {
			if changes[t.Node] == nil {
				changes[t.Node] = &nodeChanges{}
			}
		}
		phaseStart := time.Now()
		em.emit(Event{Phase: ph.Name, Outcome: Running})
		results := make([][]StepResult, len(targets))
		var g errgroup.Group
		g.SetLimit(parallel)
		for i, t := range targets {
			// Each goroutine owns results[i] and its node's changes.
			g.Go(func() error {
				results[i] = runTarget(ctx, ph.Name, t, changes[t.Node], opts.DryRun, em)
				return nil
			})
		}
		_ = g.Wait()

		var failures []StepResult
		for _, node := range results {
			for _, res := range node {
				rep.add(res)
				if res.Outcome == Failed {
					failures = append(failures, res)
				}
			}
		}
		em.emit(Event{Phase: ph.Name, Outcome: phaseOutcome(results), Duration: time.Since(phaseStart)})
		if len(failures) > 0 {
			return rep, &RunError{Phase: ph.Name, Failures: failures}
		}
	}
	return rep, nil
}

// runTarget runs one node's steps of one phase, stopping at the first failure.
func runTarget(ctx context.Context, phase string, t Target, ch *nodeChanges, dryRun bool, em *emitter) []StepResult {
	out := make([]StepResult, 0, len(t.Steps))
	failed := false
	for _, s := range t.Steps {
		res := StepResult{Node: t.Node, Phase: phase, Step: s.Name(), Outcome: Skipped}
		if !failed {
			em.emit(Event{Node: t.Node, Phase: phase, Step: res.Step, Outcome: Running})
			begin := time.Now()
			res.Outcome, res.Err = converge(ctx, t.Runner, s, dryRun, ch.triggers(s))
			res.Duration = time.Since(begin)
			ch.record(s, res.Outcome)
			failed = res.Outcome == Failed
		}
		em.emit(Event{Node: t.Node, Phase: phase, Step: res.Step, Outcome: res.Outcome, Duration: res.Duration, Err: res.Err})
		out = append(out, res)
	}
	return out
}

// phaseOutcome sums up a phase for its closing event.
func phaseOutcome(results [][]StepResult) Outcome {
	seen := map[Outcome]bool{}
	for _, node := range results {
		for _, r := range node {
			seen[r.Outcome] = true
		}
	}
	for _, o := range []Outcome{Failed, Changed, WouldChange} {
		if seen[o] {
			return o
		}
	}
	return Unchanged
}

func selectTargets(all []Target, nodes []string) []Target {
	if len(nodes) == 0 {
		return all
	}
	var out []Target
	for _, t := range all {
		if slices.Contains(nodes, t.Node) {
			out = append(out, t)
		}
	}
	return out
}

// validate rejects a plan that cannot run and filters that match nothing, so
// a typo in --only or --node is an error rather than a silent no-op.
func validate(plan Plan, opts Options) error {
	names, nodes := map[string]bool{}, map[string]bool{}
	var errs []error
	for _, ph := range plan {
		if names[ph.Name] {
			errs = append(errs, fmt.Errorf("phase %q appears twice in the plan", ph.Name))
		}
		names[ph.Name], names[ph.Component] = true, true
		seen := map[string]bool{}
		for _, t := range ph.Targets {
			if seen[t.Node] {
				errs = append(errs, fmt.Errorf("phase %q lists node %q twice", ph.Name, t.Node))
			}
			if t.Runner == nil {
				errs = append(errs, fmt.Errorf("phase %q: node %q has no runner", ph.Name, t.Node))
			}
			seen[t.Node], nodes[t.Node] = true, true
		}
	}
	for _, o := range opts.Only {
		if o == "" || !names[o] {
			errs = append(errs, fmt.Errorf("no phase or component named %q in the plan", o))
		}
	}
	for _, n := range opts.Nodes {
		if !nodes[n] {
			errs = append(errs, fmt.Errorf("no node named %q in the plan", n))
		}
	}
	return errors.Join(errs...)
}
