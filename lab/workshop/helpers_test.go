package workshop

import (
	"context"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// The fake lab lives on loopback: Linux routes all of 127/8 to lo, so each
// node gets an address of its own, like the reference lab's 192.168.56.x.
// Mesos, Marathon, Chronos and Mesos-DNS cannot run on the build machine;
// every test here talks to fakes that serve the documented formats.
var (
	testMasters = []health.Node{{Name: "master1", Addr: "127.0.0.11"}, {Name: "master2", Addr: "127.0.0.12"}, {Name: "master3", Addr: "127.0.0.13"}}
	testAgents  = []health.Node{{Name: "agent1", Addr: "127.0.0.21"}, {Name: "agent2", Addr: "127.0.0.22"}, {Name: "agent3", Addr: "127.0.0.23"}}
)

// testdata reads a payload: the workload's from this package's test data,
// the services' from stacktest's. One without an upstream source beside it
// fails the test (stacktest.CheckSource).
func testdata(t *testing.T, name string) []byte {
	t.Helper()
	if strings.HasPrefix(name, "workload/") {
		return stacktest.ReadPayload(t, filepath.Join("testdata", name))
	}
	return stacktest.Payload(t, name)
}

// fakeClock is a Clock whose Sleep moves time on at once, so bounded waits
// run instantly and measure the same durations on every run. onSleep, if
// set, runs on every Sleep, for tests whose world changes with time.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	sleeps  int
	onSleep func(n int)
}

var clockStart = time.Date(2026, 3, 2, 10, 15, 30, 0, time.UTC)

func newFakeClock() *fakeClock { return &fakeClock{now: clockStart} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.sleeps++
	n, hook := c.sleeps, c.onSleep
	c.mu.Unlock()
	if hook != nil {
		hook(n)
	}
	return ctx.Err()
}

// advance moves the clock without a sleep, as a slow command would.
func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// fakeHTTP is stacktest's Mux on the fake lab's nodes: each node's
// Marathon, Chronos, Mesos agent and Mesos-DNS share one port, told apart
// by path as the real APIs are.
type fakeHTTP struct{ *stacktest.Mux }

func newFakeHTTP(t *testing.T, nodes ...[]health.Node) *fakeHTTP {
	t.Helper()
	var addrs []string
	for _, ns := range nodes {
		addrs = append(addrs, nodeAddrs(ns)...)
	}
	return &fakeHTTP{stacktest.NewMux(t, addrs)}
}

// handle sets the handler of a pattern on the given nodes (every node when
// none given), replacing the one before.
func (f *fakeHTTP) handle(pattern string, h http.HandlerFunc, nodes ...health.Node) {
	f.Handle(pattern, h, nodeAddrs(nodes)...)
}

func nodeAddrs(nodes []health.Node) []string {
	addrs := make([]string, len(nodes))
	for i, n := range nodes {
		addrs[i] = n.Addr
	}
	return addrs
}

// testTarget is the fake lab with every service on port.
func testTarget(port int) health.Target {
	return health.Target{
		Masters: testMasters, Agents: testAgents, Components: health.AllComponents(),
		Ports: stack.Ports{ZooKeeper: 1, MesosMaster: port, MesosAgent: port, Marathon: port, Chronos: port, MesosDNSHTTP: port, DNS: port},
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
