package lab

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/health"
)

// VerifyOptions tune Verify.
type VerifyOptions struct {
	// Wait keeps probing until the lab is healthy or Wait has passed;
	// zero probes once.
	Wait time.Duration
	// Interval is the pause between rounds; zero means health.DefaultPollInterval.
	Interval time.Duration
	// Report receives StageVerify events: the checks still pending while
	// waiting, then the outcome.
	Report Reporter
	// Prober runs the probes; nil means a zero health.Prober.
	Prober *health.Prober
	// Timeout bounds each probe; zero means health.DefaultTimeout.
	Timeout time.Duration
}

// UnhealthyError is a lab that did not pass every check. The command line
// prints Report and exits 1.
type UnhealthyError struct {
	Report health.Report
	// Waited is how long Verify waited for the lab to become healthy.
	Waited time.Duration
}

func (e *UnhealthyError) Error() string {
	var failed, warned []string
	for _, c := range e.Report.Problems() {
		if c.Status == health.StatusWarn {
			warned = append(warned, c.ID)
		} else {
			failed = append(failed, c.ID)
		}
	}
	msg := "the lab is not healthy"
	if e.Waited > 0 {
		msg += " after waiting " + e.Waited.String()
	}
	var parts []string
	if len(failed) > 0 {
		parts = append(parts, fmt.Sprintf("%d failed (%s)", len(failed), strings.Join(failed, ", ")))
	}
	if len(warned) > 0 {
		parts = append(parts, fmt.Sprintf("%d degraded (%s)", len(warned), strings.Join(warned, ", ")))
	}
	return msg + ": " + strings.Join(parts, ", ")
}

// Verify runs every probe of the lab once, or with o.Wait until the lab is
// healthy or the wait is over. It returns the last complete report and nil
// when every check passed, an *UnhealthyError when one did not, and the
// context's error when ctx ended first.
func (l *Lab) Verify(ctx context.Context, o VerifyOptions) (health.Report, error) {
	p := l.Plan
	t := healthTarget(p)
	t.Timeout = o.Timeout
	prober := o.Prober
	if prober == nil {
		prober = &health.Prober{}
	}
	o.Report.emit(Event{Stage: StageVerify, Status: EventStart, Phase: "probing " + strings.Join(p.NodeNames(), ", ")})
	var rep health.Report
	if o.Wait <= 0 {
		rep = prober.Probe(ctx, t)
	} else {
		wctx, cancel := context.WithTimeout(ctx, o.Wait)
		defer cancel()
		var pending []string
		rep, _ = prober.Poll(wctx, t, o.Interval, func(r health.Report) {
			// Say what is pending only when that changes, not every round.
			if ids := problemIDs(r); !r.Healthy() && !slices.Equal(ids, pending) {
				pending = ids
				o.Report.emit(Event{Stage: StageVerify, Status: EventProgress, Phase: "waiting",
					Message: fmt.Sprintf("%d pending: %s", len(ids), strings.Join(ids, ", "))})
			}
		})
	}
	if err := ctx.Err(); err != nil {
		o.Report.emit(Event{Stage: StageVerify, Status: EventFailed, Message: "interrupted"})
		return rep, fmt.Errorf("verify: %w", err)
	}
	if !rep.Healthy() {
		err := &UnhealthyError{Report: rep, Waited: o.Wait}
		o.Report.emit(Event{Stage: StageVerify, Status: EventFailed, Message: err.Error()})
		return rep, err
	}
	o.Report.emit(Event{Stage: StageVerify, Status: EventDone, Message: fmt.Sprintf("healthy: %d checks passed", len(rep.Checks))})
	return rep, nil
}

func problemIDs(r health.Report) []string {
	var ids []string
	for _, c := range r.Problems() {
		ids = append(ids, c.ID)
	}
	return ids
}

// refuseLoopback stops up on a loopback lab: there are no machines to build.
func refuseLoopback(p *config.Plan) error {
	if !p.Loopback() {
		return nil
	}
	return &config.ValidationError{Problems: []config.Problem{{Key: "subnet", Value: p.Spec.Subnet,
		Message: "a loopback lab names services you run yourself, for `mesoslab verify` and `mesoslab status`; up cannot build machines on it",
		Fix:     "use a private subnet such as 192.168.56.0/24 to build a lab"}}}
}
