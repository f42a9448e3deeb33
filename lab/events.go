package lab

import (
	"time"

	"github.com/mesoslab/mesoslab/lab/seconds"
)

// Stages of the bring-up, in order.
const (
	StagePreflight = "preflight"
	StageMachines  = "machines"
	StageProvision = "provision"
	StageVerify    = "verify"
)

// EventStatus is where a node (or the lab, for lab-wide events) stands.
type EventStatus string

// Event statuses. Every started node ends in done, skipped or failed.
const (
	EventStart    EventStatus = "start"
	EventProgress EventStatus = "progress"
	EventDone     EventStatus = "done"
	EventSkipped  EventStatus = "skipped"
	EventFailed   EventStatus = "failed"
)

// Event is one piece of progress. The domain emits events; the command line
// renders them as live lines on a terminal, timestamped lines elsewhere, or
// JSON lines, without the domain knowing which.
type Event struct {
	Time   time.Time   `json:"time"`
	Stage  string      `json:"stage"`
	Node   string      `json:"node,omitempty"`
	Status EventStatus `json:"status"`
	// Phase is what the node is doing now ("creating container", ...).
	Phase string `json:"phase,omitempty"`
	// Message is a one-line detail: a skip reason, a result, an error.
	Message string `json:"message,omitempty"`
	// Elapsed is the node's time in this stage so far.
	Elapsed seconds.Duration `json:"elapsed,omitempty"`
}

// Reporter receives events; it is called from several goroutines and must
// be safe for that.
type Reporter func(Event)

// emit fills in the time and calls r when it is set.
func (r Reporter) emit(e Event) {
	if r == nil {
		return
	}
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	r(e)
}
