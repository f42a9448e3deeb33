package stacktest

import (
	"net/http"
	"slices"
	"sync"
	"testing"
)

// Mux serves one ServeMux per node address, all on one port: each node's
// Marathon, Chronos, Mesos agent and Mesos-DNS share it, told apart by path
// as the real APIs are. Where HTTP serves canned answers, Mux takes
// handlers, for fakes that change state as the real services do.
type Mux struct {
	// Port is the one port every address listens on.
	Port int
	mu   sync.Mutex
	mux  map[string]*http.ServeMux
	hits map[string]int // "ADDR METHOD PATH" → count
	// routes holds the current handler of each "ADDR PATTERN".
	routes map[string]http.HandlerFunc
}

// NewMux starts the fake on addrs; t.Cleanup stops it.
func NewMux(t testing.TB, addrs []string) *Mux {
	t.Helper()
	port, ls := ListenTCP(t, addrs)
	f := &Mux{Port: port, mux: map[string]*http.ServeMux{}, hits: map[string]int{}, routes: map[string]http.HandlerFunc{}}
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

// Handle sets the handler of a ServeMux pattern on the given addresses
// (every address when none given); setting it again replaces it, so a test
// can break one service of a working fake lab.
func (f *Mux) Handle(pattern string, h http.HandlerFunc, addrs ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for addr, mux := range f.mux {
		if len(addrs) > 0 && !slices.Contains(addrs, addr) {
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

// Count is how many method requests for path addr got.
func (f *Mux) Count(addr, method, path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[addr+" "+method+" "+path]
}

// ServeJSON answers with a status and a JSON body.
func ServeJSON(code int, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		w.Write(body)
	}
}
