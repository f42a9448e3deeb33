package provision

import (
	"sync"
	"time"
)

// Event reports progress of a Run. Step events have Node and Step set; phase
// events have both empty and mark a phase starting (Running), ending (the
// phase's overall outcome) or being filtered out (Skipped).
type Event struct {
	Time     time.Time
	Node     string
	Phase    string
	Step     string
	Outcome  Outcome
	Duration time.Duration // set when a step or phase ends
	Err      error         // set when Outcome is Failed
}

// emitter serializes calls to the caller's sink, so a sink needs no locking
// even though nodes run concurrently.
type emitter struct {
	mu   sync.Mutex
	sink func(Event)
}

func (e *emitter) emit(ev Event) {
	if e.sink == nil {
		return
	}
	if ev.Time.IsZero() {
		ev.Time = time.Now()
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.sink(ev)
}
