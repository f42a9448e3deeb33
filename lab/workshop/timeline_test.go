package workshop

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/seconds"
)

func TestFormatEventAndDuration(t *testing.T) {
	at := time.Date(2026, 3, 2, 10, 15, 42, 360e6, time.UTC)
	tests := []struct {
		e    Event
		want string
	}{
		{Event{At: at, Elapsed: seconds.Duration(12340 * time.Millisecond), Kind: EventResult, Message: "master2 elected"},
			"10:15:42.3  +00:12.3  result  master2 elected"},
		{Event{At: at, Elapsed: seconds.Duration(2*time.Minute + 5*time.Second), Kind: EventAction, Message: "stopped zookeeper on master1"},
			"10:15:42.3  +02:05.0  action  stopped zookeeper on master1"},
	}
	for _, tt := range tests {
		if got := FormatEvent(tt.e); got != tt.want {
			t.Errorf("FormatEvent = %q, want %q", got, tt.want)
		}
	}
	for d, want := range map[time.Duration]string{
		1234 * time.Millisecond: "1.2s", 59 * time.Second: "59.0s", 125 * time.Second: "2m05s", 10 * time.Minute: "10m00s",
	} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%s) = %q, want %q", d, got, want)
		}
	}
}

func TestTimelineRecordsAndForwards(t *testing.T) {
	clock := newFakeClock()
	var seen []Event
	tl := NewTimeline(clock, func(e Event) { seen = append(seen, e) })
	tl.Add(EventAction, "master1", UnitMesosMaster, "stopped %s on %s", UnitMesosMaster, "master1")
	clock.advance(12 * time.Second)
	tl.Measured("master2", UnitMesosMaster, 12*time.Second, "master2 elected")

	events := tl.Events()
	if len(events) != 2 || len(seen) != 2 || events[1] != seen[1] {
		t.Fatalf("events %v, forwarded %v", events, seen)
	}
	if events[1].Elapsed.Std() != 12*time.Second || events[1].Took.Std() != 12*time.Second || events[1].Kind != EventResult {
		t.Errorf("measured event = %+v", events[1])
	}
	b, err := json.Marshal(events[0])
	if err != nil {
		t.Fatal(err)
	}
	want := `{"at":"2026-03-02T10:15:30Z","elapsed":0,"kind":"action","node":"master1","unit":"mesos-master","message":"stopped mesos-master on master1"}`
	if string(b) != want {
		t.Errorf("JSON = %s\nwant   %s", b, want)
	}
	var text strings.Builder
	if err := WriteTimeline(&text, events); err != nil || strings.Count(text.String(), "\n") != 2 {
		t.Errorf("WriteTimeline = %q, %v", text.String(), err)
	}
}

func TestServiceCommandQuotes(t *testing.T) {
	c := ServiceCommand("stop", "mesos-master")
	if c.Cmd != "systemctl stop mesos-master" || !c.Sudo {
		t.Errorf("command = %+v", c)
	}
	if c := ServiceCommand("stop", "x; reboot"); c.Cmd != "systemctl stop 'x; reboot'" {
		t.Errorf("unquoted unit: %q", c.Cmd)
	}
}
