// Package doctor runs the host preflight checks behind `mesoslab doctor` and
// the gate in front of `mesoslab up`: RAM, CPUs, disk, Vagrant, VirtualBox,
// hardware virtualization, the host-only network, forwarded ports, the CPU
// architecture, the box, and Docker for the container lab.
//
// Every fact is read through Host, so the checks are plain functions of
// recorded facts. Rendering belongs to the CLI; this package has no UI.
package doctor

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// DefaultTimeout bounds each check when Options.Timeout is zero.
const DefaultTimeout = 10 * time.Second

// Options tune a run.
type Options struct {
	// Timeout bounds each check on its own; zero means DefaultTimeout.
	Timeout time.Duration
	// Only runs just these check ids; nil runs every check that applies
	// to the lab's provider.
	Only []string
}

// Run runs the checks that apply to lab concurrently and returns one Result
// per check in catalogue order. Each check has its own timeout; a check that
// panics or hangs is reported as failed without holding up the others, so
// the run takes as long as its slowest check. A hung check's goroutine is
// abandoned once its timeout passes.
func Run(ctx context.Context, h Host, lab Lab, opts Options) []Result {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	selected, unknown := selectChecks(lab, opts.Only)
	p := newProbe(h, lab)
	results := make([]Result, len(selected))
	var wg sync.WaitGroup
	for i, c := range selected {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = runOne(ctx, p, lab, c, timeout)
		}()
	}
	wg.Wait()
	for _, id := range unknown {
		results = append(results, Result{ID: id, Status: StatusFail,
			Finding: fmt.Sprintf("no check is called %q", id),
			Fix:     "list the checks with --list-checks"})
	}
	return results
}

// runOne runs c under its own deadline and turns a panic or a hang into a
// failed Result.
func runOne(ctx context.Context, p *probe, lab Lab, c check, timeout time.Duration) Result {
	start := time.Now()
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	done := make(chan finding, 1) // buffered: a late check must not block forever
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- finding{StatusFail,
					fmt.Sprintf("the %s check crashed: %v", c.id, v),
					"this is a mesoslab bug; please report it with this output (the other checks are not affected)"}
			}
		}()
		done <- c.run(cctx, p, lab)
	}()
	var f finding
	select {
	case f = <-done:
	case <-cctx.Done():
		f = finding{StatusFail,
			fmt.Sprintf("the %s check did not finish within %s (%v)", c.id, timeout, context.Cause(cctx)),
			c.hangFix}
		if f.Fix == "" {
			f.Fix = "run the check again; if it hangs again, a tool it calls is stuck"
		}
	}
	return newResult(c.id, f, time.Since(start))
}

// selectChecks returns the catalogue entries to run, in catalogue order, and
// the requested ids that name no check.
func selectChecks(lab Lab, only []string) ([]check, []string) {
	var out []check
	var unknown []string
	all := checks()
	for _, id := range only {
		if !slices.ContainsFunc(all, func(c check) bool { return c.id == id }) {
			unknown = append(unknown, id)
		}
	}
	for _, c := range all {
		if only != nil {
			if slices.Contains(only, c.id) {
				out = append(out, c)
			}
			continue
		}
		if c.appliesTo(lab.provider()) {
			out = append(out, c)
		}
	}
	return out, unknown
}
