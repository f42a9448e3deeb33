package workshop

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/mesoslab/mesoslab/lab/health"
)

// drillRun is the state of one drill: the timeline, the result so far and
// the services it stopped and has not started again.
type drillRun struct {
	f       *Failover
	clock   Clock
	tl      *Timeline
	res     FailoverResult
	stopped []service
}

// service is one unit on one node.
type service struct{ node, unit string }

// String is node/unit, as the timeline shows it.
func (s service) String() string { return s.node + "/" + s.unit }

// systemctl runs `systemctl ACTION UNIT` on the node.
func (r *drillRun) systemctl(ctx context.Context, action string, s service) error {
	sh, err := r.f.Shell.Runner(ctx, s.node)
	if err != nil {
		return fmt.Errorf("shell on %s: %w", s.node, err)
	}
	c := ServiceCommand(action, s.unit)
	c.Timeout = orDefault(r.f.CommandTimeout, DefaultCommandTimeout)
	if _, err := sh.Run(ctx, c); err != nil {
		return fmt.Errorf("%s %s on %s: %w", action, s.unit, s.node, err)
	}
	return nil
}

// stop stops a service. It is listed for restoring before the command
// runs: an interrupted stop may still have stopped it.
func (r *drillRun) stop(ctx context.Context, s service) (time.Time, error) {
	r.stopped = append(r.stopped, s)
	r.res.Stopped = append(r.res.Stopped, s.String())
	if err := r.systemctl(ctx, "stop", s); err != nil {
		return time.Time{}, err
	}
	at := r.clock.Now()
	r.tl.Add(EventAction, s.node, s.unit, "stopped %s on %s", s.unit, s.node)
	return at, nil
}

// start starts a stopped service and takes it off the restore list.
func (r *drillRun) start(ctx context.Context, s service) (time.Time, error) {
	if err := r.systemctl(ctx, "start", s); err != nil {
		return time.Time{}, err
	}
	r.stopped = slices.DeleteFunc(r.stopped, func(x service) bool { return x == s })
	at := r.clock.Now()
	r.tl.Add(EventAction, s.node, s.unit, "started %s on %s", s.unit, s.node)
	return at, nil
}

// restore starts, newest first, whatever is still stopped. When ctx has
// ended (Ctrl-C) it works under a fresh context bounded by RestoreWait, so
// the interruption itself cannot leave the lab broken.
func (r *drillRun) restore(ctx context.Context) error {
	if len(r.stopped) == 0 {
		return nil
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), orDefault(r.f.RestoreWait, DefaultRestoreWait))
	defer cancel()
	r.tl.Add(EventWarn, "", "", "restoring what the drill stopped: %v", r.stopped)
	var errs []error
	for i := len(r.stopped) - 1; i >= 0; i-- {
		if _, err := r.start(rctx, r.stopped[i]); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("restoring: %w; start them by hand with `mesoslab ssh NODE -- sudo systemctl start UNIT`", err)
	}
	return nil
}

// condition looks at a report and says whether the wait is over, and if
// not, where the cluster stands, in one line.
type condition func(health.Report) (done bool, status string)

// waitFor probes until cond holds, for at most Wait, showing each new
// status on the timeline. It returns the report that met cond and the time
// from since to it. A wait that runs out says what was awaited, the last
// status seen and hint, what to check.
func (r *drillRun) waitFor(ctx context.Context, since time.Time, what string, cond condition, hint string) (health.Report, time.Duration, error) {
	limit, poll := orDefault(r.f.Wait, DefaultFailoverWait), orDefault(r.f.Poll, DefaultFailoverPoll)
	start := r.clock.Now()
	shown := ""
	for {
		rep := r.f.Probe(ctx)
		if err := ctx.Err(); err != nil {
			return rep, 0, fmt.Errorf("waiting for %s: %w", what, err)
		}
		done, status := cond(rep)
		if done {
			return rep, r.clock.Now().Sub(since), nil
		}
		if status != shown {
			r.tl.Add(EventWait, "", "", "%s", status)
			shown = status
		}
		if r.clock.Now().Sub(start) >= limit {
			return rep, 0, fmt.Errorf("no %s within %s (last seen: %s); %s: %w", what, limit, status, hint, ErrTimeout)
		}
		if err := r.clock.Sleep(ctx, poll); err != nil {
			return rep, 0, fmt.Errorf("waiting for %s: %w", what, err)
		}
	}
}
