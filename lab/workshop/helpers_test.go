package workshop

import (
	"context"
	"flag"
	"net/http"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// The fake lab lives on loopback: Linux routes all of 127/8 to lo, so each
// node gets an address of its own, like the reference lab's 192.168.56.x.
// Mesos, Marathon, Chronos and Mesos-DNS cannot run on the build machine;
// every test here talks to fakes that serve the documented formats.
var (
	testMasters = []health.Node{{Name: "master1", Addr: "127.0.0.11"}, {Name: "master2", Addr: "127.0.0.12"}, {Name: "master3", Addr: "127.0.0.13"}}
	testAgents  = []health.Node{{Name: "agent1", Addr: "127.0.0.21"}, {Name: "agent2", Addr: "127.0.0.22"}, {Name: "agent3", Addr: "127.0.0.23"}}
)

// testdata reads a payload of this package's test data; one without an
// upstream source beside it fails the test (stacktest.CheckSource).
func testdata(t *testing.T, name string) []byte {
	t.Helper()
	return stacktest.ReadPayload(t, filepath.Join("testdata", name))
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

// fakeHTTP serves one ServeMux per node address, all on one port: each
// node's Marathon, Chronos, Mesos agent and Mesos-DNS share it, told apart
// by path as the real APIs are.
type fakeHTTP struct {
	port int
	mu   sync.Mutex
	mux  map[string]*http.ServeMux
	hits map[string]int // "ADDR METHOD PATH" → count
	// routes holds the current handler of each "ADDR PATTERN".
	routes map[string]http.HandlerFunc
}

func newFakeHTTP(t *testing.T, nodes ...[]health.Node) *fakeHTTP {
	t.Helper()
	var addrs []string
	for _, ns := range nodes {
		for _, n := range ns {
			addrs = append(addrs, n.Addr)
		}
	}
	port, ls := stacktest.ListenTCP(t, addrs)
	f := &fakeHTTP{port: port, mux: map[string]*http.ServeMux{}, hits: map[string]int{}, routes: map[string]http.HandlerFunc{}}
	for i, l := range ls {
		addr := addrs[i]
		f.mux[addr] = http.NewServeMux()
		srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			f.mu.Lock()
			f.hits[addr+" "+r.Method+" "+r.URL.Path]++
			mux := f.mux[addr]
			f.mu.Unlock()
			mux.ServeHTTP(w, r)
		})}
		go srv.Serve(l)
		t.Cleanup(func() { srv.Close() })
	}
	return f
}

// handle sets the handler of a pattern on the given nodes (every node when
// none given); setting it again replaces it, so a test can break one
// service of a working fake lab.
func (f *fakeHTTP) handle(pattern string, h http.HandlerFunc, nodes ...health.Node) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for addr, mux := range f.mux {
		if len(nodes) > 0 && !hasAddr(nodes, addr) {
			continue
		}
		key := addr + " " + pattern
		if _, registered := f.routes[key]; !registered {
			mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
				f.mu.Lock()
				current := f.routes[key]
				f.mu.Unlock()
				current(w, r)
			})
		}
		f.routes[key] = h
	}
}

func (f *fakeHTTP) count(addr, method, path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[addr+" "+method+" "+path]
}

func hasAddr(nodes []health.Node, addr string) bool {
	for _, n := range nodes {
		if n.Addr == addr {
			return true
		}
	}
	return false
}

// serveJSON answers with a status and a body.
func serveJSON(code int, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		w.Write(body)
	}
}

// testTarget is the fake lab with every service on port.
func testTarget(port int) health.Target {
	return health.Target{
		Masters: testMasters, Agents: testAgents, Components: health.AllComponents(),
		Ports: stack.Ports{ZooKeeper: 1, MesosMaster: port, MesosAgent: port, Marathon: port, Chronos: port, MesosDNSHTTP: port, DNS: port},
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
