package workshop

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/mesoslab/mesoslab/lab/seconds"
)

// EventKind says what an event of a timeline is.
type EventKind string

// The kinds of events, so a renderer can style them and a script can
// filter them.
const (
	// EventInfo is a fact observed: "the Mesos leader is master2".
	EventInfo EventKind = "info"
	// EventAction is something mesoslab did to the lab: "stopped mesos-master on master2".
	EventAction EventKind = "action"
	// EventWait is progress while waiting: "no leader yet".
	EventWait EventKind = "wait"
	// EventResult is an outcome, usually measured: "master1 elected after 12.3s".
	EventResult EventKind = "result"
	// EventWarn is something the presenter should know but that does not stop the run.
	EventWarn EventKind = "warn"
	// EventError is the failure that ends a run.
	EventError EventKind = "error"
)

// Event is one line of a timeline.
type Event struct {
	// At is when it happened.
	At time.Time `json:"at"`
	// Elapsed is the time since the timeline started.
	Elapsed seconds.Duration `json:"elapsed"`
	Kind    EventKind        `json:"kind"`
	// Node and Unit name the node and systemd unit the event is about, if any.
	Node string `json:"node,omitempty"`
	Unit string `json:"unit,omitempty"`
	// Message says what happened, in one line.
	Message string `json:"message"`
	// Took is a measured duration, such as the time to re-election.
	Took seconds.Duration `json:"took,omitempty"`
}

// Timeline records events as they happen and hands each to a callback, so
// a command can print them live and keep them for --output json.
type Timeline struct {
	clock  Clock
	start  time.Time
	on     func(Event)
	mu     sync.Mutex
	events []Event
}

// NewTimeline starts a timeline now; on (if not nil) receives every event.
func NewTimeline(clock Clock, on func(Event)) *Timeline {
	clock = clockOr(clock)
	return &Timeline{clock: clock, start: clock.Now(), on: on}
}

// Add records an event and returns it.
func (t *Timeline) Add(kind EventKind, node, unit, format string, args ...any) Event {
	return t.add(Event{Kind: kind, Node: node, Unit: unit, Message: fmt.Sprintf(format, args...)})
}

// Measured records a result with the duration it measured.
func (t *Timeline) Measured(node, unit string, took time.Duration, format string, args ...any) Event {
	return t.add(Event{Kind: EventResult, Node: node, Unit: unit, Took: seconds.Duration(took), Message: fmt.Sprintf(format, args...)})
}

func (t *Timeline) add(e Event) Event {
	e.At = t.clock.Now()
	e.Elapsed = seconds.Duration(e.At.Sub(t.start))
	t.mu.Lock()
	t.events = append(t.events, e)
	t.mu.Unlock()
	if t.on != nil {
		t.on(e)
	}
	return e
}

// Events returns the events so far, in order.
func (t *Timeline) Events() []Event {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]Event(nil), t.events...)
}

// FormatEvent renders one event as a plain line: wall-clock time, time since
// the start, kind and message.
func FormatEvent(e Event) string {
	return fmt.Sprintf("%s  %s  %-6s  %s", e.At.Format("15:04:05.0"), formatElapsed(e.Elapsed.Std()), e.Kind, e.Message)
}

// WriteTimeline writes every event as FormatEvent renders it, one a line.
func WriteTimeline(w io.Writer, events []Event) error {
	for _, e := range events {
		if _, err := fmt.Fprintln(w, FormatEvent(e)); err != nil {
			return err
		}
	}
	return nil
}

// formatElapsed renders +mm:ss.s, wide enough for any drill.
func formatElapsed(d time.Duration) string {
	d = d.Round(100 * time.Millisecond)
	m := d / time.Minute
	s := float64(d-m*time.Minute) / float64(time.Second)
	return fmt.Sprintf("+%02d:%04.1f", m, s)
}

// FormatDuration renders a measured duration for messages: 12.3s, 2m05s.
func FormatDuration(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%dm%02ds", d/time.Minute, (d%time.Minute)/time.Second)
}
