// Package doctor runs the host preflight checks behind `mesoslab doctor` and
// the gate in front of `mesoslab up`: RAM, CPUs, disk, Vagrant, VirtualBox,
// hardware virtualization, the host-only network, forwarded ports, the CPU
// architecture, the box, Docker for the container lab, and what the lab
// cache holds.
//
// Every fact is read through Host, so the checks are plain functions of
// recorded facts. Rendering belongs to the CLI; this package has no UI.
package doctor

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"
)

// DefaultTimeout bounds a whole run when Options.Timeout is zero: the
// doctor answers within about this long whatever tool or source hangs.
const DefaultTimeout = 2 * time.Second

// grace is how long a check may take after the run's deadline to report
// what its cut-off tool said, before Run stops waiting for it.
const grace = 150 * time.Millisecond

// Options tune a run.
type Options struct {
	// Timeout bounds the whole run; zero means DefaultTimeout. Checks
	// run side by side, so every check has all of it.
	Timeout time.Duration
	// Only runs just these check ids; nil runs every check that applies
	// to the lab.
	Only []string
}

// noAnswerError is the cause of a run's deadline (and of a command's own
// time limit): it turns "context deadline exceeded" into words.
type noAnswerError struct{ within time.Duration }

func (e *noAnswerError) Error() string { return "did not answer within " + seconds(e.within) }

// seconds writes a duration the way findings do: "2 s", "0.3 s".
func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Round(time.Millisecond).Seconds(), 'f', -1, 64) + " s"
}

// Run runs the checks that apply to lab concurrently and returns one Result
// per check in catalogue order. The run has one deadline, Options.Timeout
// from now; a check that panics, or that is still waiting for a tool or a
// source at the deadline, is reported as failed without holding up the
// others, so the run takes at most the timeout plus a short grace. A hung
// check's goroutine is abandoned then.
func Run(ctx context.Context, h Host, lab Lab, opts Options) []Result {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	selected, unknown := selectChecks(lab, opts.Only)
	p := newProbe(h, lab)
	rctx, cancel := context.WithTimeoutCause(ctx, timeout, &noAnswerError{timeout})
	defer cancel()
	results := make([]Result, len(selected))
	var wg sync.WaitGroup
	for i, c := range selected {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = runOne(rctx, p, lab, c, timeout)
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

// runOne runs c under the run's deadline and turns a panic or a hang into
// a failed Result. A check that did not pass by the deadline was cut off,
// so it is reported as not answering, with the check's own advice.
func runOne(ctx context.Context, p *probe, lab Lab, c check, timeout time.Duration) Result {
	start := time.Now()
	done := make(chan finding, 1) // buffered: a late check must not block forever
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- finding{StatusFail,
					fmt.Sprintf("the %s check crashed: %v", c.id, v),
					"this is a mesoslab bug; please report it with this output (the other checks are not affected)"}
			}
		}()
		done <- c.run(ctx, p, lab)
	}()
	var f finding
	select {
	case f = <-done:
	case <-ctx.Done():
		t := time.NewTimer(grace)
		defer t.Stop()
		select {
		case f = <-done:
		case <-t.C:
			f = finding{StatusFail, fmt.Sprintf("the %s check was stopped: %v", c.id, context.Cause(ctx)),
				"run `mesoslab doctor` again"}
		}
	}
	var na *noAnswerError
	if f.Status != StatusOK && errors.As(context.Cause(ctx), &na) {
		f = c.noAnswer(lab, timeout)
	}
	if c.advice && f.Status == StatusFail {
		f.Status = StatusWarn
	}
	return newResult(c.id, f, time.Since(start))
}

// noAnswer is the finding of a check cut off by the run's deadline.
func (c check) noAnswer(lab Lab, timeout time.Duration) finding {
	what := "the " + c.id + " check"
	if c.hangWhat != nil {
		what = c.hangWhat(lab)
	}
	fix := c.hangFix
	if fix == "" {
		fix = "run the check again; if it hangs again, a tool it calls is stuck"
	}
	return finding{StatusFail, what + " did not answer within " + seconds(timeout),
		fix + "; if it is only slow, give it longer with `mesoslab doctor --timeout 10s`"}
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
		if c.appliesTo(lab) {
			out = append(out, c)
		}
	}
	return out, unknown
}
