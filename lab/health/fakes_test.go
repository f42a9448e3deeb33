package health

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The fake lab lives on loopback: Linux routes all of 127/8 to lo, so each
// node gets its own address, like the reference lab's 192.168.56.x.
var (
	testMasters = []Node{{"master1", "127.0.0.11"}, {"master2", "127.0.0.12"}, {"master3", "127.0.0.13"}}
	testAgents  = []Node{{"agent1", "127.0.0.21"}, {"agent2", "127.0.0.22"}, {"agent3", "127.0.0.23"}}
)

// testdata reads a payload and moves it from the reference lab's subnet
// onto the loopback addresses of the fake lab.
func testdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "192.168.56.", "127.0.0.")
}

// listenSamePort binds one listener per address, all on one free port, so
// a Target's single port number reaches every fake node.
func listenSamePort(t *testing.T, network string, addrs []string) (int, []any) {
	t.Helper()
	for attempt := 0; attempt < 50; attempt++ {
		var port int
		var out []any
		var err error
		for _, a := range addrs {
			var l any
			if network == "udp" {
				l, err = net.ListenPacket("udp", net.JoinHostPort(a, fmt.Sprint(port)))
			} else {
				l, err = net.Listen("tcp", net.JoinHostPort(a, fmt.Sprint(port)))
			}
			if err != nil {
				break
			}
			if port == 0 {
				if pc, isPacket := l.(net.PacketConn); isPacket {
					port = pc.LocalAddr().(*net.UDPAddr).Port
				} else {
					port = l.(net.Listener).Addr().(*net.TCPAddr).Port
				}
			}
			out = append(out, l)
		}
		if err == nil {
			return port, out
		}
		for _, l := range out {
			l.(interface{ Close() error }).Close()
		}
	}
	t.Fatalf("no %s port free on all of %v", network, addrs)
	return 0, nil
}

// fakeReply is one canned HTTP answer.
type fakeReply struct {
	code     int
	body     string
	location string
}

// fakeLab serves every HTTP service of every node from one handler per
// node address, all on one port: Mesos, Marathon, Chronos and Mesos-DNS
// payloads are documented formats, served here because those services
// cannot run on the build machines.
type fakeLab struct {
	port   int
	mu     sync.Mutex
	routes map[string]fakeReply // "addr path" → reply
	hits   map[string]int
}

func newFakeLab(t *testing.T) *fakeLab {
	t.Helper()
	var addrs []string
	for _, n := range append(append([]Node(nil), testMasters...), testAgents...) {
		addrs = append(addrs, n.Addr)
	}
	port, listeners := listenSamePort(t, "tcp", addrs)
	f := &fakeLab{port: port, routes: map[string]fakeReply{}, hits: map[string]int{}}
	for i, l := range listeners {
		addr := addrs[i]
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			f.serve(addr, w, r)
		}))
		srv.Listener.Close()
		srv.Listener = l.(net.Listener)
		srv.Start()
		t.Cleanup(srv.Close)
	}
	return f
}

func (f *fakeLab) serve(addr string, w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	key := addr + " " + r.URL.Path
	rep, found := f.routes[key]
	f.hits[key]++
	f.mu.Unlock()
	if !found {
		http.NotFound(w, r)
		return
	}
	if rep.location != "" {
		w.Header().Set("Location", rep.location)
	}
	w.WriteHeader(rep.code)
	fmt.Fprint(w, rep.body)
}

func (f *fakeLab) set(addr, path string, code int, body string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.routes[addr+" "+path] = fakeReply{code: code, body: body}
}

func (f *fakeLab) redirect(addr, location string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.routes[addr+" /master/redirect"] = fakeReply{code: http.StatusTemporaryRedirect, location: location}
}

func (f *fakeLab) hitCount(addr, path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[addr+" "+path]
}

// healthy sets up the reference lab: master1 leads, every agent
// registered, Marathon and Chronos active, Mesos-DNS answering.
func (f *fakeLab) healthy(t *testing.T) {
	for _, m := range testMasters {
		f.set(m.Addr, "/metrics/snapshot", 200, testdata(t, "mesos/metrics-standby.json"))
		// Mesos writes a protocol-relative Location with the leader's --hostname.
		f.redirect(m.Addr, "//master1:5050")
		f.set(m.Addr, "/ping", 200, "pong")
		f.set(m.Addr, "/v2/info", 200, testdata(t, "marathon/info.json"))
		f.set(m.Addr, "/v1/scheduler/jobs", 200, testdata(t, "chronos/jobs.json"))
		f.set(m.Addr, "/v1/version", 200, testdata(t, "mesos-dns/version.json"))
	}
	f.set("127.0.0.11", "/metrics/snapshot", 200, testdata(t, "mesos/metrics-leader.json"))
	f.set("127.0.0.11", "/master/slaves", 200, testdata(t, "mesos/slaves.json"))
	f.set("127.0.0.11", "/master/frameworks", 200, testdata(t, "mesos/frameworks.json"))
	for _, a := range testAgents {
		f.set(a.Addr, "/health", 200, "")
	}
}

// target points every HTTP port at the fake lab; ZooKeeper and DNS are
// switched off unless the test sets them up.
func (f *fakeLab) target() Target {
	return Target{
		Masters:    testMasters,
		Agents:     testAgents,
		Components: Components{Mesos: true, Marathon: true, Chronos: true},
		Ports: Ports{
			MesosMaster: f.port, MesosAgent: f.port, Marathon: f.port,
			Chronos: f.port, MesosDNSHTTP: f.port,
		},
		Timeout: 5 * time.Second,
	}
}
