package lab

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/health"
)

func TestURLs(t *testing.T) {
	l := newFakeLab(t)
	p := loopbackPlan(t, 3, 3, allComponents())
	healthy, err := handle(Backends{}, Dir{}, p).Verify(context.Background(), VerifyOptions{Prober: fakeProber(l)})
	if err != nil {
		t.Fatal(err)
	}
	// master1 leads but silently drops everything: the others are shown.
	degraded, _ := handle(Backends{}, Dir{}, p).Verify(context.Background(), VerifyOptions{Prober: fakeProber(l, "127.0.0.11"), Timeout: 200 * time.Millisecond})
	tests := []struct {
		name string
		p    *config.Plan
		rep  health.Report
		want []URL
	}{
		// Marathon on its own leader: marathon/info.json names master2:8080.
		{"healthy", p, healthy, []URL{{"Mesos", "http://127.0.0.11:5050/"}, {"Marathon", "http://127.0.0.12:8080/"},
			{"Chronos", "http://127.0.0.11:4400/"}, {"Mesos-DNS", "http://127.0.0.11:8123/v1/enumerate"}}},
		{"leader silent", p, degraded, []URL{{"Mesos", "http://127.0.0.12:5050/"}, {"Marathon", "http://127.0.0.12:8080/"},
			{"Chronos", "http://127.0.0.12:4400/"}, {"Mesos-DNS", "http://127.0.0.12:8123/v1/enumerate"}}},
		{"nothing answered", p, health.Report{}, []URL{{"Mesos", "http://127.0.0.11:5050/"}, {"Marathon", "http://127.0.0.11:8080/"},
			{"Chronos", "http://127.0.0.11:4400/"}, {"Mesos-DNS", "http://127.0.0.11:8123/v1/enumerate"}}},
		{"ZooKeeper only", loopbackPlan(t, 3, 1, config.Components{ZooKeeper: true}), healthy, nil},
		{"Mesos and Marathon", loopbackPlan(t, 3, 1, config.Components{ZooKeeper: true, Mesos: true, Marathon: true}), healthy,
			[]URL{{"Mesos", "http://127.0.0.11:5050/"}, {"Marathon", "http://127.0.0.12:8080/"}}},
	}
	for _, tt := range tests {
		if got := URLs(tt.p, tt.rep); !slices.Equal(got, tt.want) {
			t.Errorf("%s: URLs %v, want %v", tt.name, got, tt.want)
		}
	}
}
