package lab

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// fakeProber sends the standard ports to the fake lab's free ones; the
// silent addresses drop every packet. Mesos, Marathon, Chronos and
// Mesos-DNS cannot run here, so the fakes serve payloads in their
// documented formats (lab/health/testdata).
func fakeProber(l *stacktest.Lab, silent ...string) *health.Prober {
	d := stack.DefaultPorts()
	dial := stacktest.PortDial(map[int]int{
		d.ZooKeeper: l.ZK.Port, d.DNS: l.DNS.Port, d.MesosMaster: l.HTTP.Port, d.MesosAgent: l.HTTP.Port,
		d.Marathon: l.HTTP.Port, d.Chronos: l.HTTP.Port, d.MesosDNSHTTP: l.HTTP.Port,
	})
	if len(silent) > 0 {
		dial = stacktest.Silent(silent, dial)
	}
	return &health.Prober{Dial: dial}
}

func newFakeLab(t testing.TB) *stacktest.Lab {
	t.Helper()
	return stacktest.NewLab(t, stacktest.Payloads(t))
}

// events collects Reporter calls.
type events struct {
	mu  sync.Mutex
	got []Event
}

func (e *events) report(ev Event) { e.mu.Lock(); e.got = append(e.got, ev); e.mu.Unlock() }

func (e *events) list() []Event {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.got)
}

func TestVerifyOneRound(t *testing.T) {
	tests := []struct {
		name      string
		tweak     func(l *stacktest.Lab)
		silent    []string
		wantIDs   []string // failing or degraded checks named in the error
		wantFinal EventStatus
	}{
		{"healthy", func(*stacktest.Lab) {}, nil, nil, EventDone},
		{"a ZooKeeper member not serving", func(l *stacktest.Lab) {
			l.ZK.Answer("127.0.0.12", stacktest.Payloads(t)("zookeeper/srvr-not-serving.txt"))
		}, nil, []string{"zookeeper/master2", "zookeeper/quorum"}, EventFailed},
		{"a silent agent", func(*stacktest.Lab) {}, []string{"127.0.0.23"}, []string{"mesos-agent/agent3"}, EventFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newFakeLab(t)
			tt.tweak(l)
			var ev events
			rep, err := handle(Backends{}, Dir{}, loopbackPlan(t, 3, 3, allComponents())).Verify(context.Background(), VerifyOptions{Prober: fakeProber(l, tt.silent...), Timeout: 300 * time.Millisecond, Report: ev.report})
			if len(tt.wantIDs) == 0 {
				if err != nil || !rep.Healthy() {
					t.Fatalf("healthy lab: %v", err)
				}
			} else {
				var ue *UnhealthyError
				if !errors.As(err, &ue) || ue.Report.Healthy() {
					t.Fatalf("err %v, want an *UnhealthyError", err)
				}
				for _, id := range tt.wantIDs {
					if !strings.Contains(err.Error(), id) {
						t.Errorf("error %q does not name %s", err, id)
					}
				}
			}
			got := ev.list()
			if len(got) != 2 || got[0].Status != EventStart || got[1].Status != tt.wantFinal || got[1].Stage != StageVerify {
				t.Errorf("events %+v", got)
			}
		})
	}
}

// The lab heals during the wait: the pending checks are reported once per
// change, and Verify returns the healthy report.
func TestVerifyWaitsUntilHealthy(t *testing.T) {
	l := newFakeLab(t)
	payload := stacktest.Payloads(t)
	for _, m := range l.Masters {
		l.ZK.Answer(m.Addr, payload("zookeeper/srvr-not-serving.txt"))
	}
	var ev events
	rounds := 0
	report := func(e Event) {
		ev.report(e)
		if e.Status == EventProgress {
			rounds++
			// Heal after the first pending report; Poll calls back between rounds.
			l.ZK.ServeHealthy(payload, l.Masters)
		}
	}
	p := loopbackPlan(t, 3, 3, allComponents())
	rep, err := handle(Backends{}, Dir{}, p).Verify(context.Background(), VerifyOptions{Wait: time.Minute, Interval: 10 * time.Millisecond,
		Prober: fakeProber(l), Timeout: time.Second, Report: report})
	if err != nil || !rep.Healthy() {
		t.Fatalf("Verify: %v", err)
	}
	var pending []string
	for _, e := range ev.list() {
		if e.Status == EventProgress {
			pending = append(pending, e.Message)
		}
	}
	if rounds != 1 || len(pending) != 1 || !strings.Contains(pending[0], "zookeeper/quorum") || !strings.HasPrefix(pending[0], "4 pending: zookeeper/master1,") {
		t.Errorf("pending reports %q", pending)
	}
}

func TestVerifyWaitEnds(t *testing.T) {
	l := newFakeLab(t)
	p := loopbackPlan(t, 3, 3, allComponents())
	l.HTTP.Set("127.0.0.11", "/v2/info", 503, "Could not determine the current leader")

	t.Run("times out unhealthy", func(t *testing.T) {
		rep, err := handle(Backends{}, Dir{}, p).Verify(context.Background(), VerifyOptions{Wait: 200 * time.Millisecond, Interval: 20 * time.Millisecond, Prober: fakeProber(l)})
		var ue *UnhealthyError
		if !errors.As(err, &ue) || ue.Waited != 200*time.Millisecond || !strings.Contains(err.Error(), "after waiting 200ms: 1 failed (marathon/master1)") {
			t.Fatalf("err %v", err)
		}
		if len(rep.Checks) == 0 {
			t.Error("no report")
		}
	})
	t.Run("interrupted", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		var ev events
		report := func(e Event) {
			ev.report(e)
			if e.Status == EventProgress {
				cancel()
			}
		}
		_, err := handle(Backends{}, Dir{}, p).Verify(ctx, VerifyOptions{Wait: time.Minute, Interval: 10 * time.Millisecond, Prober: fakeProber(l), Report: report})
		var ue *UnhealthyError
		if !errors.Is(err, context.Canceled) || errors.As(err, &ue) {
			t.Fatalf("err %v, want the interruption", err)
		}
	})
}
