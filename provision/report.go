package provision

import (
	"fmt"
	"strings"
	"time"
)

// StepResult is the outcome of one step on one node.
type StepResult struct {
	Node     string
	Phase    string
	Step     string
	Outcome  Outcome
	Duration time.Duration
	Err      error // set when Outcome is Failed
}

// Report is what a Run did, in plan order: phase by phase, node by node in
// the order of the phase's targets, step by step.
type Report struct {
	Results []StepResult
	// Counts of Results by outcome.
	Changed, Unchanged, WouldChange, Failed, Skipped int
	// Wall is the elapsed time of the whole run.
	Wall time.Duration
	// StepTime is the sum of all step durations over all nodes: the time a
	// run of one node after the other would need. StepTime/Wall measures
	// how much running nodes in parallel gained.
	StepTime time.Duration
}

// Node returns the results of one node, in plan order.
func (r Report) Node(name string) []StepResult {
	var out []StepResult
	for _, s := range r.Results {
		if s.Node == name {
			out = append(out, s)
		}
	}
	return out
}

func (r *Report) add(res StepResult) {
	r.Results = append(r.Results, res)
	r.StepTime += res.Duration
	switch res.Outcome {
	case Changed:
		r.Changed++
	case Unchanged:
		r.Unchanged++
	case WouldChange:
		r.WouldChange++
	case Failed:
		r.Failed++
	case Skipped:
		r.Skipped++
	}
}

// RunError is the error of a Run whose phase had failed steps; the other
// nodes of that phase finished it first.
type RunError struct {
	Phase    string
	Failures []StepResult
}

// Error lists every failed step with its node; the step errors carry the
// command, exit code and last lines of output.
func (e *RunError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "phase %q failed on %d node(s)", e.Phase, len(e.Failures))
	for _, f := range e.Failures {
		fmt.Fprintf(&b, "\n%s: step %q: %s", f.Node, f.Step, strings.ReplaceAll(f.Err.Error(), "\n", "\n  "))
	}
	return b.String()
}

// Unwrap returns the step errors, so errors.Is and errors.As see a
// *CmdError or context.Canceled inside.
func (e *RunError) Unwrap() []error {
	errs := make([]error, len(e.Failures))
	for i, f := range e.Failures {
		errs[i] = f.Err
	}
	return errs
}
