package provision

import (
	"context"
	"errors"
	"fmt"
)

// Step is one idempotent piece of a node's wanted state.
type Step interface {
	// Name says what the step makes true, in a few words ("file
	// /etc/mesos/zk"); it names the step in events, reports and errors.
	Name() string
	// Check reports whether the node is already in the wanted state. It
	// must not change the node. An error means the state could not be
	// read, not that it differs.
	Check(ctx context.Context, r Runner) (ok bool, err error)
	// Apply changes the node towards the wanted state. It is called only
	// after Check returned false, and Check is called again after it.
	Apply(ctx context.Context, r Runner) error
}

// Reactor is a step that must act when other steps of the same node changed
// in the same run, even though its own Check passes: a service restarts when
// its configuration file was rewritten. The engine tracks what changed per
// node, so one Reactor value may serve several nodes.
type Reactor interface {
	Step
	// Watches lists the steps whose change triggers React.
	Watches() []Step
	// React is called after a passing Check when a watched step changed on
	// this node during this run. It is not called when Apply already ran.
	React(ctx context.Context, r Runner) error
}

// Outcome is what happened to a step.
type Outcome string

// The outcomes of a step. Running appears only in events, when a step starts.
const (
	Unchanged   Outcome = "unchanged"    // Check passed; nothing was sent to change the node
	Changed     Outcome = "changed"      // Apply (or React) ran and the Check after it passed
	WouldChange Outcome = "would-change" // dry run: Check failed, Apply was not called
	Failed      Outcome = "failed"       // Check or Apply failed, or Apply did not converge
	Skipped     Outcome = "skipped"      // filtered out, or an earlier step of the node failed
	Running     Outcome = "running"      // event only: the step has started
)

// ErrNotConverged is wrapped by the error of a step whose Check still fails
// after a successful Apply.
var ErrNotConverged = errors.New("apply did not converge")

// Converge runs one step: Check, and when it fails, Apply and Check again.
// With dryRun it stops after the first Check and reports WouldChange.
// A Reactor is never triggered here; Run tracks changes for that.
func Converge(ctx context.Context, r Runner, s Step, dryRun bool) (Outcome, error) {
	return converge(ctx, r, s, dryRun, false)
}

// converge is Converge with the answer to "did a watched step change?".
func converge(ctx context.Context, r Runner, s Step, dryRun, triggered bool) (Outcome, error) {
	if err := ctx.Err(); err != nil {
		return Failed, err
	}
	ok, err := s.Check(ctx, r)
	if err != nil {
		return Failed, fmt.Errorf("check: %w", err)
	}
	if ok {
		rs, isReactor := s.(Reactor)
		switch {
		case !triggered || !isReactor:
			return Unchanged, nil
		case dryRun:
			return WouldChange, nil
		}
		if err := rs.React(ctx, r); err != nil {
			return Failed, fmt.Errorf("react to changed %s: %w", watchedNames(rs), err)
		}
		return Changed, nil
	}
	if dryRun {
		return WouldChange, nil
	}
	if err := s.Apply(ctx, r); err != nil {
		return Failed, fmt.Errorf("apply: %w", err)
	}
	ok, err = s.Check(ctx, r)
	if err != nil {
		return Failed, fmt.Errorf("check after apply: %w", err)
	}
	if !ok {
		return Failed, fmt.Errorf("%w: check still fails after apply", ErrNotConverged)
	}
	return Changed, nil
}

func watchedNames(r Reactor) string {
	s := ""
	for i, w := range r.Watches() {
		if i > 0 {
			s += ", "
		}
		s += w.Name()
	}
	return s
}
