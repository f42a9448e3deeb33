package lab

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/doctor"
	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
	"github.com/mesoslab/mesoslab/vagrant"
	"github.com/mesoslab/mesoslab/vagrant/vagranttest"
)

func row(t *testing.T, ov Overview, name string) NodeOverview {
	t.Helper()
	for _, n := range ov.Nodes {
		if n.Name == name {
			return n
		}
	}
	t.Fatalf("no row %s in %+v", name, ov.Nodes)
	return NodeOverview{}
}

// A loopback lab has no machines: status probes every node and shows the
// silent one as down, the cluster as degraded.
func TestLabOverviewLoopback(t *testing.T) {
	l := newFakeLab(t)
	p := loopbackPlan(t, 3, 3, allComponents())
	ov, err := handle(Backends{}, DirFor(t.TempDir(), "default"), p).Overview(context.Background(), OverviewOptions{Prober: fakeProber(l, "127.0.0.13"), Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if len(ov.Nodes) != 6 || !strings.Contains(ov.Machines, "loopback lab has no machines") {
		t.Fatalf("overview %+v", ov)
	}
	for _, n := range ov.Nodes {
		if n.State != StateUnknown {
			t.Errorf("%s: state %q", n.Name, n.State)
		}
	}
	m1, m3, a2 := row(t, ov, "master1"), row(t, ov, "master3"), row(t, ov, "agent2")
	if m1.ZooKeeper != "leader" || m1.Mesos != "leader" || len(m1.Up) != 5 || len(m1.Down) != 0 || m1.IP != "127.0.0.11" {
		t.Errorf("master1 %+v", m1)
	}
	if m3.ZooKeeper != "unreachable" || m3.Mesos != "down" || len(m3.Up) != 0 || len(m3.Down) != 5 {
		t.Errorf("master3 %+v", m3)
	}
	if a2.Mesos != "registered" || !slices.Equal(a2.Up, []string{"mesos-agent"}) {
		t.Errorf("agent2 %+v", a2)
	}
	if c := ov.Cluster; c.Quorum != "degraded" || c.Serving != 2 || c.MesosLeader != "master1" || c.AgentsActive != 3 {
		t.Errorf("cluster %+v", c)
	}
	if len(ov.URLs) != 4 || ov.URLs[0].URL != "http://127.0.0.11:5050/" {
		t.Errorf("URLs %v", ov.URLs)
	}
}

// recordingDial notes every address asked for and refuses it without a
// packet sent: these labs' addresses are not the test's to reach.
type recordingDial struct {
	mu    sync.Mutex
	addrs []string
}

func (r *recordingDial) dial(ctx context.Context, network, address string) (net.Conn, error) {
	r.mu.Lock()
	r.addrs = append(r.addrs, address)
	r.mu.Unlock()
	return stacktest.PortDial(nil)(ctx, network, address)
}

func (r *recordingDial) hosts() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, a := range r.addrs {
		host, _, _ := net.SplitHostPort(a)
		if !slices.Contains(out, host) {
			out = append(out, host)
		}
	}
	slices.Sort(out)
	return out
}

// TestLabOverviewMachineStates: status probes only a lab that exists,
// only its running nodes, and only addresses routed to the lab's network;
// in every other case it says why and sends nothing.
func TestLabOverviewMachineStates(t *testing.T) {
	bridge := []doctor.Route{{Prefix: netip.MustParsePrefix("0.0.0.0/0"), Iface: "eth0"},
		{Prefix: netip.MustParsePrefix("192.168.57.0/24"), Iface: "br-634660c69185"}}
	lan := []doctor.Route{{Prefix: netip.MustParsePrefix("0.0.0.0/0"), Iface: "wlp0s20f3"},
		{Prefix: netip.MustParsePrefix("192.168.57.0/24"), Iface: "wlp0s20f3"}}
	someRunning := map[string]string{"master1": "running", "master2": "stopped", "agent1": "running"}
	noPATH := errors.New("vagrant: executable file not found in $PATH")
	tests := []struct {
		name       string
		lab        labOnDisk
		states     map[string]string
		statusErr  error
		noVagrant  bool
		routes     []doctor.Route
		wantStates map[string]string
		wantErr    string
		wantProbed []string
		wantCalls  string
	}{
		{name: "probes only running nodes", lab: builtLab, states: someRunning, routes: bridge,
			wantStates: map[string]string{"master1": "running", "master2": "stopped", "master3": "not_created", "agent1": "running"},
			wantProbed: []string{"192.168.57.11", "192.168.57.21"}, wantCalls: "status"},
		{name: "never built", lab: nothingOnDisk, routes: bridge,
			wantErr: `lab "default" does not exist: run ` + "`mesoslab up`"},
		{name: "a folder with only mesoslab.yaml", lab: configOnly, routes: bridge,
			wantErr: `lab "default" does not exist`},
		{name: "recorded, but Vagrant created nothing", lab: builtLab, states: map[string]string{"master1": "not_created"}, routes: bridge,
			wantErr: `lab "default" does not exist`, wantCalls: "status"},
		{name: "vagrant fails, no machine in .vagrant", lab: builtLab, statusErr: noPATH, routes: bridge,
			wantErr: `lab "default" does not exist`, wantCalls: "status"},
		{name: "vagrant fails with a machine in .vagrant", lab: builtWithMachineID, statusErr: noPATH, routes: bridge,
			wantErr: "cannot tell which machines of lab \"default\" exist", wantCalls: "status"},
		{name: "no vagrant backend", lab: builtLab, noVagrant: true, routes: bridge, wantErr: `lab "default" does not exist`},
		{name: "the subnet is the LAN's", lab: builtLab, states: someRunning, routes: lan,
			wantErr: "master1 (192.168.57.11) is reached through wlp0s20f3, which is not the lab's network", wantCalls: "status"},
		{name: "only the default route", lab: builtLab, states: someRunning, routes: lan[:1],
			wantErr: "master1 (192.168.57.11) is reached only through the default route", wantCalls: "status"},
		{name: "routes cannot be read", lab: builtLab, states: someRunning,
			wantErr: "cannot read this host's routes", wantCalls: "status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, d := testLabOnDisk(t, tt.lab)
			drv := vagranttest.New(tt.states)
			drv.FailStatus(tt.statusErr)
			b := Backends{Vagrant: func(string) vagrant.Driver { return drv }}
			if tt.noVagrant {
				b.Vagrant = nil
			}
			if tt.routes != nil {
				b.Host = routedHost{routes: tt.routes}
			}
			var rec recordingDial
			ov, err := handle(b, d, p).Overview(context.Background(), OverviewOptions{Prober: &health.Prober{Dial: rec.dial}})
			if got := rec.hosts(); !slices.Equal(got, tt.wantProbed) {
				t.Errorf("probed %v, want %v", got, tt.wantProbed)
			}
			if got := strings.Join(drv.Calls(), ","); got != tt.wantCalls {
				t.Errorf("Vagrant calls %q, want %q", got, tt.wantCalls)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range tt.wantStates {
				if got := row(t, ov, name).State; got != MachineState(want) {
					t.Errorf("%s: state %q, want %q", name, got, want)
				}
			}
			c, _ := ov.Report.Check("zookeeper/master2")
			if !strings.Contains(c.Finding, "not probed: master2 is stopped") || !slices.Contains(row(t, ov, "master2").Down, "zookeeper") {
				t.Errorf("stopped master2: %+v", c)
			}
		})
	}
}

func TestLabOverviewInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := handle(Backends{}, DirFor(t.TempDir(), "default"), loopbackPlan(t, 1, 1, allComponents())).Overview(ctx, OverviewOptions{Prober: &health.Prober{Dial: stacktest.PortDial(nil)}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v", err)
	}
}

// BenchmarkStatusSilentNode measures status of a 3+3 loopback lab whose
// one node silently drops every packet: the probes of all nodes run at
// once, so the whole round costs about one probe timeout, not one per probe
// of that node (five services on a master). wall/timeout is the ratio to
// the probe timeout measured in the same run; "all answer" is the baseline.
func BenchmarkStatusSilentNode(b *testing.B) {
	const timeout = 500 * time.Millisecond
	l := newFakeLab(b)
	p := loopbackPlan(b, 3, 3, allComponents())
	for _, bc := range []struct {
		name   string
		silent []string
	}{
		{"all answer", nil},
		{"silent master", []string{"127.0.0.13"}},
		{"silent leader", []string{"127.0.0.11"}},
		{"silent agent", []string{"127.0.0.22"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var wall time.Duration
			for b.Loop() {
				start := time.Now()
				ov, err := handle(Backends{}, DirFor(b.TempDir(), "default"), p).Overview(context.Background(), OverviewOptions{Prober: fakeProber(l, bc.silent...), Timeout: timeout})
				wall += time.Since(start)
				if err != nil || (len(bc.silent) > 0) == ov.Report.Healthy() {
					b.Fatalf("overview: %v, healthy %v", err, ov.Report.Healthy())
				}
			}
			b.ReportMetric(float64(wall)/float64(b.N)/float64(timeout), "wall/timeout")
		})
	}
}
