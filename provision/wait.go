package provision

import (
	"context"
	"fmt"
	"time"
)

// Probe answers nil when something is ready. It gets the node's Runner, so a
// probe can look from the node (TCPFromNode, HTTPFromNode) or from the
// machine running mesoslab (TCPFromHost, HTTPFromHost) and ignore it.
type Probe func(ctx context.Context, r Runner) error

// WaitSpec describes a readiness wait.
type WaitSpec struct {
	Name     string        // what is awaited ("zookeeper quorum")
	Probe    Probe         // the readiness test
	Timeout  time.Duration // total wait; 0 means 2 minutes
	Interval time.Duration // pause between attempts; 0 means 1 second
	// AttemptTimeout bounds one probe, so a hung connection cannot eat the
	// whole wait; 0 means 10 seconds.
	AttemptTimeout time.Duration
}

// Wait returns a step that waits until a probe passes. Check probes once;
// Apply probes every Interval until it passes or Timeout ends, and then
// fails with the last probe error. A dry run reports WouldChange for a probe
// that does not pass yet, since nothing is started then.
func Wait(spec WaitSpec) Step {
	if spec.Timeout <= 0 {
		spec.Timeout = 2 * time.Minute
	}
	if spec.Interval <= 0 {
		spec.Interval = time.Second
	}
	if spec.AttemptTimeout <= 0 {
		spec.AttemptTimeout = 10 * time.Second
	}
	return &waitStep{spec: spec}
}

type waitStep struct{ spec WaitSpec }

func (w *waitStep) Name() string { return "wait for " + w.spec.Name }

func (w *waitStep) Check(ctx context.Context, r Runner) (bool, error) {
	if err := w.probe(ctx, r); err != nil {
		// A failed probe is the answer "not ready", unless the caller
		// has given up.
		return false, ctx.Err()
	}
	return true, nil
}

func (w *waitStep) probe(ctx context.Context, r Runner) error {
	actx, cancel := context.WithTimeout(ctx, w.spec.AttemptTimeout)
	defer cancel()
	return w.spec.Probe(actx, r)
}

func (w *waitStep) Apply(ctx context.Context, r Runner) error {
	deadline := time.Now().Add(w.spec.Timeout)
	ticker := time.NewTicker(w.spec.Interval)
	defer ticker.Stop()
	for attempt := 1; ; attempt++ {
		err := w.probe(ctx, r)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s not ready after %s (%d attempts): %w", w.spec.Name, w.spec.Timeout, attempt, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s: %w (last probe: %v)", w.spec.Name, ctx.Err(), err)
		case <-ticker.C:
		}
	}
}

// IsWait reports whether s is a Wait step. The recipes' plan runs a phase's
// trailing waits in a phase of their own, after every node applied its
// changes, so that a wait on the whole ensemble never blocks a node that
// runs before the others.
func IsWait(s Step) bool {
	_, ok := s.(*waitStep)
	return ok
}
