package health

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The lab heals while Poll waits: the masters elect a leader after the
// second round. onUpdate runs between rounds, so the count is exact.
func TestPollUntilHealthy(t *testing.T) {
	f := newFakeLab(t)
	f.healthy(t)
	f.Set("127.0.0.11", "/metrics/snapshot", 200, testdata(t, "mesos/metrics-standby.json"))
	for _, m := range testMasters {
		f.Set(m.Addr, "/master/redirect", http.StatusServiceUnavailable, "No leader elected")
	}
	var updates []Report
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rep, err := (&Prober{}).Poll(ctx, f.target(), 10*time.Millisecond, func(r Report) {
		updates = append(updates, r)
		if len(updates) == 2 {
			f.healthy(t)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(updates) != 3 {
		t.Fatalf("%d updates, want 3", len(updates))
	}
	if updates[0].Healthy() || updates[1].Healthy() || !rep.Healthy() {
		t.Errorf("health per round: %v %v %v", updates[0].Healthy(), updates[1].Healthy(), rep.Healthy())
	}
	if rep.Mesos.Leader.Name != "master1" {
		t.Errorf("leader %+v", rep.Mesos.Leader)
	}
}

func TestPollGivesUpWithContext(t *testing.T) {
	f := newFakeLab(t)
	f.healthy(t)
	f.Set("127.0.0.11", "/master/frameworks", 200, testdata(t, "mesos/frameworks-marathon-inactive.json"))
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	rounds := 0
	rep, err := Poll(ctx, f.target(), 20*time.Millisecond, func(Report) { rounds++ })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the deadline", err)
	}
	if !strings.Contains(err.Error(), "marathon/framework: marathon framework") {
		t.Errorf("error %q does not name the failing check", err)
	}
	if rounds < 1 || rep.Healthy() {
		t.Errorf("%d rounds, healthy=%v", rounds, rep.Healthy())
	}
	// The round the deadline cut short is not the one returned.
	wantCheck(t, rep, "mesos/leader", StatusOK)
}
