package workshop

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/seconds"
)

// TestDocumentsInSecondsAndSnakeCase: the failover and demo documents write
// durations as seconds under snake_case keys, and read back.
func TestDocumentsInSecondsAndSnakeCase(t *testing.T) {
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	ev := []Event{{At: at, Elapsed: seconds.Duration(1500 * time.Millisecond), Kind: EventResult, Message: "master2 elected", Took: seconds.Duration(12340 * time.Millisecond)}}
	fr := FailoverResult{Drill: DrillMesos, OldLeader: "master1", NewLeader: "master2", Stopped: []string{"master1/mesos-master"},
		Reelection: seconds.Duration(12340 * time.Millisecond), Rejoined: seconds.Duration(2 * time.Minute), Restored: true, Events: ev}
	dr := DemoReport{App: "/demo", Marathon: "http://127.0.0.1:8080", Tasks: []DemoTask{}, Running: seconds.Duration(4500 * time.Millisecond), Events: ev}
	tests := []struct {
		name string
		v    any
		back any
		want []string
	}{
		{"failover", fr, &FailoverResult{}, []string{`"old_leader":"master1"`, `"new_leader":"master2"`, `"reelection":12.34`, `"rejoined":120`, `"elapsed":1.5`, `"took":12.34`}},
		{"demo", dr, &DemoReport{}, []string{`"running":4.5`, `"elapsed":1.5`}},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.v)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s JSON lacks %s:\n%s", tt.name, w, b)
			}
		}
		if err := json.Unmarshal(b, tt.back); err != nil || !reflect.DeepEqual(reflect.ValueOf(tt.back).Elem().Interface(), tt.v) {
			t.Errorf("%s read back %+v, %v", tt.name, tt.back, err)
		}
	}
}
