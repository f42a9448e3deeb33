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
	"github.com/mesoslab/mesoslab/lab/health/healthtest"
	"github.com/mesoslab/mesoslab/vagrant"
)

// loopbackPlan is a docker lab on 127.0.0.0/24: masters on 127.0.0.11 up,
// agents on 127.0.0.21 up, where the fakes of package healthtest listen.
func loopbackPlan(t testing.TB, masters, agents int, c Components) *Plan {
	t.Helper()
	s := Default()
	s.Provider, s.Subnet, s.Masters, s.Agents, s.Components = "docker", "127.0.0.0/24", masters, agents, c
	p, err := NewPlan(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func allComponents() Components { return Default().Components }

// fakeProber sends the standard ports to the fake lab's free ones; the
// silent addresses drop every packet. Mesos, Marathon, Chronos and
// Mesos-DNS cannot run here, so the fakes serve payloads in their
// documented formats (lab/health/testdata).
func fakeProber(l *healthtest.Lab, silent ...string) *health.Prober {
	d := health.DefaultPorts()
	dial := healthtest.PortDial(map[int]int{
		d.ZooKeeper: l.ZK.Port, d.DNS: l.DNS.Port, d.MesosMaster: l.HTTP.Port, d.MesosAgent: l.HTTP.Port,
		d.Marathon: l.HTTP.Port, d.Chronos: l.HTTP.Port, d.MesosDNSHTTP: l.HTTP.Port,
	})
	if len(silent) > 0 {
		dial = healthtest.Silent(silent, dial)
	}
	return &health.Prober{Dial: dial}
}

func newFakeLab(t testing.TB) *healthtest.Lab {
	t.Helper()
	return healthtest.NewLab(t, healthtest.Payloads(t, "health/testdata"))
}

func TestHealthTarget(t *testing.T) {
	p := loopbackPlan(t, 3, 1, Components{ZooKeeper: true})
	tgt := p.HealthTarget()
	want := []health.Node{{Name: "master1", Addr: "127.0.0.11"}, {Name: "master2", Addr: "127.0.0.12"}, {Name: "master3", Addr: "127.0.0.13"}}
	if !slices.Equal(tgt.Masters, want) || !slices.Equal(tgt.Agents, []health.Node{{Name: "agent1", Addr: "127.0.0.21"}}) {
		t.Errorf("nodes %+v %+v", tgt.Masters, tgt.Agents)
	}
	if tgt.Components != (health.Components{ZooKeeper: true}) || tgt.Ports != health.DefaultPorts() {
		t.Errorf("components %+v ports %+v", tgt.Components, tgt.Ports)
	}
	full := loopbackPlan(t, 1, 1, allComponents()).HealthTarget()
	if full.Components != health.AllComponents() {
		t.Errorf("full lab components %+v", full.Components)
	}
}

func TestLoopbackSubnet(t *testing.T) {
	tests := []struct {
		provider, subnet string
		valid            bool
	}{
		{"docker", "127.0.0.0/24", true},
		{"docker", "127.1.2.0/24", true},
		{"virtualbox", "127.0.0.0/24", false},
		{"docker", "8.8.8.0/24", false},
	}
	for _, tt := range tests {
		s := Default()
		s.Provider, s.Subnet = tt.provider, tt.subnet
		p, err := NewPlan(s)
		if (err == nil) != tt.valid {
			t.Errorf("%s %s: err %v, want valid=%v", tt.provider, tt.subnet, err, tt.valid)
		}
		if err == nil && !p.Loopback() && strings.HasPrefix(tt.subnet, "127.") {
			t.Errorf("%s: not a loopback lab", tt.subnet)
		}
	}
	if (&Plan{Spec: Default()}).Loopback() {
		t.Error("the default lab is a loopback lab")
	}
}

func TestUpRefusesLoopbackLab(t *testing.T) {
	drv := newFakeDriver(nil)
	p := loopbackPlan(t, 3, 1, Components{ZooKeeper: true})
	r := Resolved{Spec: p.Spec, Dir: DirFor(t.TempDir(), p.Spec.Name)}
	_, err := Up(context.Background(), Backends{Vagrant: func(string) vagrant.Driver { return drv }}, r, p, UpOptions{SkipPreflight: true})
	var ve *ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "loopback lab") {
		t.Fatalf("up on a loopback lab: %v", err)
	}
	if calls := drv.callList(); len(calls) > 0 {
		t.Errorf("up asked Vagrant %v", calls)
	}
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
		tweak     func(l *healthtest.Lab)
		silent    []string
		wantIDs   []string // failing or degraded checks named in the error
		wantFinal EventStatus
	}{
		{"healthy", func(*healthtest.Lab) {}, nil, nil, EventDone},
		{"a ZooKeeper member not serving", func(l *healthtest.Lab) {
			l.ZK.Answer("127.0.0.12", healthtest.Payloads(t, "health/testdata")("zookeeper/srvr-not-serving.txt"))
		}, nil, []string{"zookeeper/master2", "zookeeper/quorum"}, EventFailed},
		{"a silent agent", func(*healthtest.Lab) {}, []string{"127.0.0.23"}, []string{"mesos-agent/agent3"}, EventFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newFakeLab(t)
			tt.tweak(l)
			var ev events
			rep, err := Verify(context.Background(), loopbackPlan(t, 3, 3, allComponents()),
				VerifyOptions{Prober: fakeProber(l, tt.silent...), Timeout: 300 * time.Millisecond, Report: ev.report})
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
	payload := healthtest.Payloads(t, "health/testdata")
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
	rep, err := Verify(context.Background(), p, VerifyOptions{Wait: time.Minute, Interval: 10 * time.Millisecond,
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
		rep, err := Verify(context.Background(), p, VerifyOptions{Wait: 200 * time.Millisecond, Interval: 20 * time.Millisecond, Prober: fakeProber(l)})
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
		_, err := Verify(ctx, p, VerifyOptions{Wait: time.Minute, Interval: 10 * time.Millisecond, Prober: fakeProber(l), Report: report})
		var ue *UnhealthyError
		if !errors.Is(err, context.Canceled) || errors.As(err, &ue) {
			t.Fatalf("err %v, want the interruption", err)
		}
	})
}

func TestURLs(t *testing.T) {
	l := newFakeLab(t)
	p := loopbackPlan(t, 3, 3, allComponents())
	healthy, err := Verify(context.Background(), p, VerifyOptions{Prober: fakeProber(l)})
	if err != nil {
		t.Fatal(err)
	}
	// master1 leads but silently drops everything: the others are shown.
	degraded, _ := Verify(context.Background(), p, VerifyOptions{Prober: fakeProber(l, "127.0.0.11"), Timeout: 200 * time.Millisecond})
	tests := []struct {
		name string
		p    *Plan
		rep  health.Report
		want []URL
	}{
		{"healthy", p, healthy, []URL{{"Mesos", "http://127.0.0.11:5050/"}, {"Marathon", "http://127.0.0.11:8080/"},
			{"Chronos", "http://127.0.0.11:4400/"}, {"Mesos-DNS", "http://127.0.0.11:8123/v1/config"}}},
		{"leader silent", p, degraded, []URL{{"Mesos", "http://127.0.0.12:5050/"}, {"Marathon", "http://127.0.0.12:8080/"},
			{"Chronos", "http://127.0.0.12:4400/"}, {"Mesos-DNS", "http://127.0.0.12:8123/v1/config"}}},
		{"nothing answered", p, health.Report{}, []URL{{"Mesos", "http://127.0.0.11:5050/"}, {"Marathon", "http://127.0.0.11:8080/"},
			{"Chronos", "http://127.0.0.11:4400/"}, {"Mesos-DNS", "http://127.0.0.11:8123/v1/config"}}},
		{"ZooKeeper only", loopbackPlan(t, 3, 1, Components{ZooKeeper: true}), healthy, nil},
		{"Mesos and Marathon", loopbackPlan(t, 3, 1, Components{ZooKeeper: true, Mesos: true, Marathon: true}), healthy,
			[]URL{{"Mesos", "http://127.0.0.11:5050/"}, {"Marathon", "http://127.0.0.11:8080/"}}},
	}
	for _, tt := range tests {
		if got := tt.p.URLs(tt.rep); !slices.Equal(got, tt.want) {
			t.Errorf("%s: URLs %v, want %v", tt.name, got, tt.want)
		}
	}
}
