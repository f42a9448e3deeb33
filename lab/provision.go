package lab

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/seconds"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/recipes"
)

// ProvisionOptions tune a provisioning run.
type ProvisionOptions struct {
	// DryRun only checks, and reports what would change.
	DryRun bool
	// Only keeps these phases (components); Nodes keeps these nodes.
	Only, Nodes []string
	// Parallel bounds the nodes working at once in a phase; 0 is the
	// engine's default. 1 is the one-node-after-the-other baseline.
	Parallel int
	// Offline downloads nothing: apt, Docker and the key and Mesos-DNS
	// steps use only what the lab cache (Backends.Cache) holds.
	Offline bool
	Report  Reporter
}

// Provision runs the recipes on a lab whose machines are up: what `mesoslab
// provision` runs, and what up runs after the machines.
func (l *Lab) Provision(ctx context.Context, o ProvisionOptions) (provision.Report, error) {
	b, d, p := l.Backends, l.Dir, l.Plan
	if err := checkFilters(p, o); err != nil {
		return provision.Report{}, err
	}
	// Before the lock, which would create a never-built lab's folder.
	if _, err := createdMachines(ctx, b, d, p.Spec.Name); err != nil {
		return provision.Report{}, err
	}
	lock, err := AcquireLock(d, p.Spec.Name, "mesoslab provision")
	if err != nil {
		return provision.Report{}, err
	}
	defer lock.Release()
	return provisionNodes(ctx, b, d, p, o)
}

// provisionNodes is Provision for a caller that holds the lock.
func provisionNodes(ctx context.Context, b Backends, d Dir, p *config.Plan, o ProvisionOptions) (provision.Report, error) {
	if err := checkFilters(p, o); err != nil {
		return provision.Report{}, err
	}
	nodes := p.Nodes
	if len(o.Nodes) > 0 {
		nodes = nil
		for _, name := range o.Nodes {
			n, _ := p.Node(name)
			nodes = append(nodes, n)
		}
	}
	what := "mesoslab provision"
	if o.DryRun {
		what += " --dry-run"
	}
	conns, err := connect(ctx, b, b.Vagrant(d.Root), d, nodes, what)
	if err != nil {
		return provision.Report{}, err
	}
	defer closeAll(conns)
	runners := map[string]provision.Runner{}
	for name, c := range conns {
		runners[name] = c.runner
	}
	started := map[string]time.Time{}
	cluster := recipesCluster(p)
	if cluster.Cache, err = cacheUse(b.Cache, p, o.Offline); err != nil {
		return provision.Report{}, err
	}
	rep, err := provision.Run(ctx, recipes.Plan(cluster, runners), provision.Options{
		DryRun: o.DryRun, Only: o.Only, Nodes: o.Nodes, Parallel: o.Parallel,
		Events: func(e provision.Event) { reportStep(o.Report, e, started) },
	})
	for _, n := range nodes {
		reportNode(o.Report, rep, n.Name, started[n.Name])
	}
	var re *provision.RunError
	if errors.As(err, &re) {
		return rep, nodeFailures(re, conns)
	}
	return rep, err
}

// checkFilters rejects a component or node the lab does not have, before any
// connection is made.
func checkFilters(p *config.Plan, o ProvisionOptions) error {
	var ps []config.Problem
	for _, c := range o.Only {
		known := false
		for _, ph := range phases(p) {
			known = known || ph.Name == c
		}
		if !known {
			ps = append(ps, config.Problem{Key: "--only", Value: c, Message: "not a phase of this lab",
				Fix: "use one of the phases `mesoslab plan` lists"})
		}
	}
	for _, n := range o.Nodes {
		if _, ok := p.Node(n); !ok {
			ps = append(ps, config.Problem{Key: "--node", Value: n, Message: "not a node of this lab",
				Fix: "use one of " + config.SummarizeNames(p.NodeNames())})
		}
	}
	return config.AsError(ps)
}

// reportStep turns engine events into lab events: a node starts with its
// first step and shows the step it is on.
func reportStep(r Reporter, e provision.Event, started map[string]time.Time) {
	if e.Node == "" || e.Step == "" {
		return
	}
	if _, ok := started[e.Node]; !ok {
		started[e.Node] = e.Time
		r.emit(Event{Time: e.Time, Stage: StageProvision, Node: e.Node, Status: EventStart, Phase: e.Phase})
	}
	ev := Event{Time: e.Time, Stage: StageProvision, Node: e.Node, Phase: e.Phase + ": " + e.Step, Elapsed: seconds.Duration(e.Time.Sub(started[e.Node]))}
	switch e.Outcome {
	case provision.Running:
		ev.Status = EventProgress
	case provision.Failed:
		ev.Status, ev.Message = EventFailed, fmt.Sprintf("%s failed: %v", e.Step, e.Err)
	default:
		return
	}
	r.emit(ev)
}

// reportNode ends a node's line with its counts. Its Elapsed is the node's
// own work, the sum of its step times, without the waits at the barriers.
func reportNode(r Reporter, rep provision.Report, node string, start time.Time) {
	var changed, unchanged, would, failed int
	var work time.Duration
	for _, s := range rep.Node(node) {
		work += s.Duration
		switch s.Outcome {
		case provision.Changed:
			changed++
		case provision.Unchanged:
			unchanged++
		case provision.WouldChange:
			would++
		case provision.Failed:
			failed++
		}
	}
	if start.IsZero() {
		return
	}
	ev := Event{Stage: StageProvision, Node: node, Status: EventDone, Elapsed: seconds.Duration(work),
		Message: fmt.Sprintf("%d changed, %d unchanged", changed, unchanged)}
	if would > 0 {
		ev.Message = fmt.Sprintf("%d would change, %d unchanged", would, unchanged)
	}
	if failed > 0 {
		ev.Status, ev.Message = EventFailed, fmt.Sprintf("%d failed, %d changed", failed, changed)
	}
	r.emit(ev)
}

// nodeFailures names node, step, command, exit code and the log for each
// failure of a run; the step's error carries the command and its output.
func nodeFailures(re *provision.RunError, conns map[string]*connection) error {
	var out NodeErrors
	for _, f := range re.Failures {
		ne := &NodeError{Node: f.Node, Step: f.Phase + ": " + f.Step, Err: f.Err}
		if c, ok := conns[f.Node]; ok {
			ne.Log = c.log.path
		}
		out = append(out, ne)
	}
	return fmt.Errorf("phase %s: %w", re.Phase, out)
}
