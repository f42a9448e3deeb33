package workshop

import (
	"context"
	"time"
)

// Clock tells the time and waits. Drills and demo waits take it as a field
// so tests run them on a fake clock: bounded waits and measured durations
// then come out the same on every run.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx ends, returning ctx's error then.
	Sleep(ctx context.Context, d time.Duration) error
}

// RealClock is the wall clock.
type RealClock struct{}

// Now returns time.Now().
func (RealClock) Now() time.Time { return time.Now() }

// Sleep waits for d unless ctx ends first.
func (RealClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func clockOr(c Clock) Clock {
	if c == nil {
		return RealClock{}
	}
	return c
}
