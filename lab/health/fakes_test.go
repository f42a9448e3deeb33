package health

import (
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// The fake lab lives on loopback: Linux routes all of 127/8 to lo, so each
// node gets its own address, like the reference lab's 192.168.56.x.
var (
	testMasters = nodes(stacktest.ReferenceMasters())
	testAgents  = nodes(stacktest.ReferenceAgents())
)

func nodes(ms []stacktest.Member) []Node {
	out := make([]Node, len(ms))
	for i, m := range ms {
		out[i] = Node{Name: m.Name, Addr: m.Addr}
	}
	return out
}

func members(ns []Node) []stacktest.Member {
	out := make([]stacktest.Member, len(ns))
	for i, n := range ns {
		out[i] = stacktest.Member{Name: n.Name, Addr: n.Addr}
	}
	return out
}

// testdata reads a payload and moves it from the reference lab's subnet
// onto the loopback addresses of the fake lab.
func testdata(t *testing.T, name string) string {
	t.Helper()
	return stacktest.Payloads(t)(name)
}

// fakeLab serves the HTTP services of every node. Mesos, Marathon, Chronos
// and Mesos-DNS payloads are documented formats, served here because those
// services cannot run on the build machines.
type fakeLab struct{ *stacktest.HTTP }

func newFakeLab(t *testing.T) *fakeLab {
	t.Helper()
	return &fakeLab{stacktest.NewHTTP(t, stacktest.Addrs(members(testMasters), members(testAgents)))}
}

// healthy sets up the reference lab: master1 leads, every agent
// registered, Marathon and Chronos active, Mesos-DNS answering.
func (f *fakeLab) healthy(t *testing.T) {
	f.ServeHealthy(func(name string) string { return testdata(t, name) }, members(testMasters), members(testAgents))
}

// target points every HTTP port at the fake lab; ZooKeeper and DNS are
// switched off unless the test sets them up.
func (f *fakeLab) target() Target {
	return Target{
		Masters:    testMasters,
		Agents:     testAgents,
		Components: Components{Mesos: true, Marathon: true, Chronos: true},
		Ports: stack.Ports{
			MesosMaster: f.Port, MesosAgent: f.Port, Marathon: f.Port,
			Chronos: f.Port, MesosDNSHTTP: f.Port,
		},
		Timeout: 5 * time.Second,
	}
}
