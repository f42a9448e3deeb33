package stacktest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// reply is one canned HTTP answer.
type reply struct {
	code        int
	body        string
	location    string
	contentType string
	// accepts, when set, says whether the request's Accept header reaches
	// the route; a request it refuses gets 406 (see MesosDNSAPI).
	accepts func(accept string) bool
}

// HTTP serves every HTTP service of every fake node from one handler per
// node address, all on Port: routes are set per address and path, and
// anything else is a 404 with no body, as libprocess answers a path no
// process routes (m3scluster/clusterd@v1.11.0-0.9.0
// 3rdparty/libprocess/src/process.cpp:3778-3781). So the fake master
// answers 404 on /master/state.json, which Mesos 1.8 removed: the master
// routes /state but no /state.json (src/master/master.cpp:1008-1018).
type HTTP struct {
	// Port is the one port every address listens on.
	Port   int
	mu     sync.Mutex
	routes map[string]reply // "addr path" → reply
	hits   map[string]int
}

// NewHTTP starts the fake on addrs; t.Cleanup stops it.
func NewHTTP(t testing.TB, addrs []string) *HTTP {
	t.Helper()
	port, listeners := ListenTCP(t, addrs)
	f := &HTTP{Port: port, routes: map[string]reply{}, hits: map[string]int{}}
	for i, l := range listeners {
		addr := addrs[i]
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			f.serve(addr, w, r)
		}))
		srv.Listener.Close()
		srv.Listener = l
		srv.Start()
		t.Cleanup(srv.Close)
	}
	return f
}

func (f *HTTP) serve(addr string, w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	key := addr + " " + r.URL.Path
	rep, found := f.routes[key]
	f.hits[key]++
	f.mu.Unlock()
	if !found {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	if rep.accepts != nil && !rep.accepts(r.Header.Get("Accept")) {
		w.WriteHeader(http.StatusNotAcceptable)
		fmt.Fprint(w, "406: Not Acceptable")
		return
	}
	if rep.contentType != "" {
		w.Header().Set("Content-Type", rep.contentType)
	}
	if rep.location != "" {
		w.Header().Set("Location", rep.location)
	}
	w.WriteHeader(rep.code)
	fmt.Fprint(w, rep.body)
}

// Set makes addr answer GET path with code and body.
func (f *HTTP) Set(addr, path string, code int, body string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.routes[addr+" "+path] = reply{code: code, body: body}
}

// Redirect makes addr's /master/redirect answer 307 to location, as a
// Mesos master names its leader: a protocol-relative "//hostname:port" on
// the leader and on standbys alike (m3scluster/clusterd@v1.11.0-0.9.0
// src/master/http.cpp:1777-1786).
func (f *HTTP) Redirect(addr, location string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.routes[addr+" /master/redirect"] = reply{code: http.StatusTemporaryRedirect, location: location}
}

// NoLeader makes addr's /master/redirect answer as a master that knows no
// leader: 503 "No leader elected" (m3scluster/clusterd@v1.11.0-0.9.0
// src/master/http.cpp:1748-1754).
func (f *HTTP) NoLeader(addr string) {
	f.Set(addr, "/master/redirect", http.StatusServiceUnavailable, "No leader elected")
}

// Hits counts the requests addr got for path.
func (f *HTTP) Hits(addr, path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[addr+" "+path]
}
