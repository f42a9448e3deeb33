package lab

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/seconds"
)

// TestEventJSONInSeconds: a progress event's elapsed time is seconds, and
// reads back.
func TestEventJSONInSeconds(t *testing.T) {
	e := Event{Time: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), Stage: StageMachines, Node: "master1", Status: EventDone, Elapsed: seconds.Duration(83250 * time.Millisecond)}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"elapsed":83.25`) || strings.Contains(string(b), "elapsed_ns") {
		t.Errorf("event JSON %s, want elapsed in seconds", b)
	}
	var back Event
	if err := json.Unmarshal(b, &back); err != nil || back != e {
		t.Errorf("read back %+v, %v; want %+v", back, err, e)
	}
}
