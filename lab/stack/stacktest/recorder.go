package stacktest

import (
	"io"
	"net/http"
	"sync"
)

// Recorder keeps the requests a fake handler received, for tests that
// check what a client sent.
type Recorder struct {
	mu sync.Mutex
	// Reqs holds "METHOD PATH?QUERY" per request, in order.
	Reqs []string
	// Body holds each request's body.
	Body []string
}

// Wrap records each request, then passes it to h.
func (r *Recorder) Wrap(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.Reqs = append(r.Reqs, req.Method+" "+req.URL.RequestURI())
		r.Body = append(r.Body, string(b))
		r.mu.Unlock()
		h(w, req)
	}
}
