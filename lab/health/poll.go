package health

import (
	"context"
	"fmt"
	"time"
)

// Poll limits: the interval used when none is given, and the bound on
// polling when ctx carries no deadline of its own.
const (
	DefaultPollInterval = 3 * time.Second
	DefaultPollLimit    = 15 * time.Minute
)

// Poll probes t with a zero Prober until it is healthy; see Prober.Poll.
func Poll(ctx context.Context, t Target, interval time.Duration, onUpdate func(Report)) (Report, error) {
	return (&Prober{}).Poll(ctx, t, interval, onUpdate)
}

// Poll probes t every interval until the report is healthy or ctx ends,
// calling onUpdate (if not nil) with every complete report. Without a
// deadline on ctx it stops after DefaultPollLimit. It returns the last
// complete report, and an error naming its first problem when the lab
// never became healthy.
func (p *Prober) Poll(ctx context.Context, t Target, interval time.Duration, onUpdate func(Report)) (Report, error) {
	if interval <= 0 {
		interval = DefaultPollInterval
	}
	if _, has := ctx.Deadline(); !has {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultPollLimit)
		defer cancel()
	}
	start := time.Now()
	timer := time.NewTimer(0)
	defer timer.Stop()
	var last Report
	for rounds := 0; ; rounds++ {
		rep := p.Probe(ctx, t)
		if ctx.Err() != nil && rounds > 0 {
			// The deadline cut this round short: its failures say more
			// about the deadline than about the lab, so keep the last
			// complete round.
			return last, notHealthy(last, rounds, time.Since(start), ctx.Err())
		}
		last = rep
		if onUpdate != nil {
			onUpdate(rep)
		}
		if rep.Healthy() {
			return rep, nil
		}
		timer.Reset(interval)
		select {
		case <-ctx.Done():
			return rep, notHealthy(rep, rounds+1, time.Since(start), ctx.Err())
		case <-timer.C:
		}
	}
}

func notHealthy(rep Report, rounds int, waited time.Duration, cause error) error {
	problems := rep.Problems()
	if len(problems) == 0 {
		return fmt.Errorf("lab not verified after %d rounds in %s: %w", rounds, waited.Round(10*time.Millisecond), cause)
	}
	return fmt.Errorf("lab not healthy after %d rounds in %s, %d checks failing, first %s: %s: %w",
		rounds, waited.Round(10*time.Millisecond), len(problems), problems[0].ID, problems[0].Finding, cause)
}
