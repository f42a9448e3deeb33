package lab

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/vagrant"
	"github.com/mesoslab/mesoslab/vagrant/vagranttest"
)

// loopbackPlan is a docker lab on 127.0.0.0/24: masters on 127.0.0.11 up,
// agents on 127.0.0.21 up, where the fakes of package stacktest listen.
func loopbackPlan(t testing.TB, masters, agents int, c config.Components) *config.Plan {
	t.Helper()
	s := config.Default()
	s.Provider, s.Subnet, s.Masters, s.Agents, s.Components = "docker", "127.0.0.0/24", masters, agents, c
	p, err := config.NewPlan(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func allComponents() config.Components { return config.Default().Components }

func TestHealthTarget(t *testing.T) {
	p := loopbackPlan(t, 3, 1, config.Components{ZooKeeper: true})
	tgt := healthTarget(p)
	want := []health.Node{{Name: "master1", Addr: "127.0.0.11"}, {Name: "master2", Addr: "127.0.0.12"}, {Name: "master3", Addr: "127.0.0.13"}}
	if !slices.Equal(tgt.Masters, want) || !slices.Equal(tgt.Agents, []health.Node{{Name: "agent1", Addr: "127.0.0.21"}}) {
		t.Errorf("nodes %+v %+v", tgt.Masters, tgt.Agents)
	}
	if tgt.Components != (health.Components{ZooKeeper: true}) || tgt.Ports != stack.DefaultPorts() {
		t.Errorf("components %+v ports %+v", tgt.Components, tgt.Ports)
	}
	full := healthTarget(loopbackPlan(t, 1, 1, allComponents()))
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
		s := config.Default()
		s.Provider, s.Subnet = tt.provider, tt.subnet
		p, err := config.NewPlan(s)
		if (err == nil) != tt.valid {
			t.Errorf("%s %s: err %v, want valid=%v", tt.provider, tt.subnet, err, tt.valid)
		}
		if err == nil && !p.Loopback() && strings.HasPrefix(tt.subnet, "127.") {
			t.Errorf("%s: not a loopback lab", tt.subnet)
		}
	}
	if (&config.Plan{Spec: config.Default()}).Loopback() {
		t.Error("the default lab is a loopback lab")
	}
}

func TestUpRefusesLoopbackLab(t *testing.T) {
	drv := vagranttest.New(nil)
	p := loopbackPlan(t, 3, 1, config.Components{ZooKeeper: true})
	r := Resolved{Spec: p.Spec, Dir: DirFor(t.TempDir(), p.Spec.Name)}
	_, err := upLab(Backends{Vagrant: func(string) vagrant.Driver { return drv }}, r, p).Up(context.Background(), UpOptions{SkipPreflight: true})
	var ve *config.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "loopback lab") {
		t.Fatalf("up on a loopback lab: %v", err)
	}
	if calls := drv.Calls(); len(calls) > 0 {
		t.Errorf("up asked Vagrant %v", calls)
	}
}
