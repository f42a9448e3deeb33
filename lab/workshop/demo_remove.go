package workshop

import (
	"context"
	"errors"
	"fmt"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// RemoveReport says what `mesoslab demo remove` found and deleted.
type RemoveReport struct {
	// App and Job are true when they existed and were deleted.
	App    bool    `json:"app"`
	Job    bool    `json:"job"`
	Events []Event `json:"events"`
}

// Remove deletes the demo app, waits until Marathon no longer knows it (its
// tasks are killed), and deletes the Chronos job. What is not there is
// reported, not an error; a component switched off has nothing to remove.
func (d *Demo) Remove(ctx context.Context) (RemoveReport, error) {
	tl := NewTimeline(d.clock(), d.OnEvent)
	var rep RemoveReport
	err := d.remove(ctx, tl, &rep)
	if err != nil {
		tl.Add(EventError, "", "", "%v", err)
	}
	rep.Events = tl.Events()
	return rep, err
}

func (d *Demo) remove(ctx context.Context, tl *Timeline, rep *RemoveReport) error {
	m, _, err := d.marathon(ctx)
	switch {
	case errors.Is(err, ErrSwitchedOff):
		tl.Add(EventInfo, "", "", "Marathon is switched off: no app to remove")
	case err != nil:
		return err
	default:
		if rep.App, err = m.Delete(ctx, DemoAppID); err != nil {
			return fmt.Errorf("deleting app %s: %w", DemoAppID, err)
		}
		if !rep.App {
			tl.Add(EventInfo, "", "", "app %s was not deployed", DemoAppID)
			break
		}
		tl.Add(EventAction, "", "", "deleted app %s; Marathon kills its tasks", DemoAppID)
		if err := d.waitGone(ctx, m, tl); err != nil {
			return err
		}
	}

	c, _, err := d.chronos(ctx)
	switch {
	case errors.Is(err, ErrSwitchedOff):
		tl.Add(EventInfo, "", "", "Chronos is switched off: no job to remove")
	case err != nil:
		return err
	default:
		if rep.Job, err = c.Delete(ctx, DemoJobName); err != nil {
			return fmt.Errorf("deleting Chronos job %s: %w", DemoJobName, err)
		}
		if rep.Job {
			tl.Add(EventAction, "", "", "deleted Chronos job %s", DemoJobName)
		} else {
			tl.Add(EventInfo, "", "", "Chronos job %s did not exist", DemoJobName)
		}
	}
	return nil
}

// waitGone polls until Marathon answers 404 for the app, for at most Wait.
func (d *Demo) waitGone(ctx context.Context, m *stack.Marathon, tl *Timeline) error {
	clock := d.clock()
	limit, poll := orDefault(d.Wait, DefaultDemoWait), orDefault(d.Poll, DefaultDemoPoll)
	start := clock.Now()
	for {
		s, err := m.App(ctx, DemoAppID)
		if errors.Is(err, stack.ErrNotFound) {
			took := clock.Now().Sub(start)
			tl.Measured("", "", took, "app %s is gone after %s", DemoAppID, FormatDuration(took))
			return nil
		}
		if clock.Now().Sub(start) >= limit {
			return fmt.Errorf("app %s still listed by Marathon %s after deleting it (%d tasks left, last answer: %v): %w",
				DemoAppID, limit, len(s.Tasks), err, ErrTimeout)
		}
		if err := clock.Sleep(ctx, poll); err != nil {
			return fmt.Errorf("waiting for app %s to go: %w", DemoAppID, err)
		}
	}
}
