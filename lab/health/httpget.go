package health

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// AcceptJSON is the Accept header of every HTTP call mesoslab makes to the
// lab's services. It asks for JSON but takes any type, because Mesos-DNS
// 0.6.0 declares no type on its routes and its go-restful router then
// answers 406 to a bare "application/json"; only "*/*" (or no Accept)
// matches there (mesosphere/mesos-dns v0.6.0 resolver/resolver.go:481-491,
// vendor/github.com/emicklei/go-restful/route.go:68-89). Marathon, Chronos,
// Mesos and later Mesos-DNS still pick JSON.
const AcceptJSON = "application/json, */*"

// maxBody bounds what a probe reads; a large lab's /master/state stays far below it.
const maxBody = 16 << 20

// reply is an HTTP answer read in full.
type reply struct {
	url    string
	code   int
	header http.Header
	body   []byte
}

// get fetches path from addr:port over plain HTTP without following redirects.
func (r *round) get(ctx context.Context, addr string, port int, path string) (reply, error) {
	url := "http://" + net.JoinHostPort(addr, strconv.Itoa(port)) + path
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return reply{}, fmt.Errorf("GET %s: %w", url, err)
	}
	req.Header.Set("Accept", AcceptJSON)
	resp, err := r.http.Do(req)
	if err != nil {
		return reply{}, fmt.Errorf("GET %s: %w", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return reply{}, fmt.Errorf("GET %s: reading body: %w", url, err)
	}
	return reply{url: url, code: resp.StatusCode, header: resp.Header, body: body}, nil
}

// getJSON fetches path and decodes a 200 answer into v.
func (r *round) getJSON(ctx context.Context, addr string, port int, path string, v any) error {
	rep, err := r.get(ctx, addr, port, path)
	if err != nil {
		return err
	}
	if rep.code != http.StatusOK {
		return rep.statusError()
	}
	return rep.decode(v)
}

func (rep reply) decode(v any) error {
	if err := json.Unmarshal(rep.body, v); err != nil {
		return fmt.Errorf("GET %s: decoding %s: %w", rep.url, snippet(rep.body), err)
	}
	return nil
}

// statusError describes an unexpected HTTP status, with the start of the body.
func (rep reply) statusError() error {
	return &httpStatusError{url: rep.url, code: rep.code, body: snippet(rep.body)}
}

type httpStatusError struct {
	url  string
	code int
	body string
}

func (e *httpStatusError) Error() string {
	if e.body == "" {
		return fmt.Sprintf("GET %s: HTTP %d", e.url, e.code)
	}
	return fmt.Sprintf("GET %s: HTTP %d: %s", e.url, e.code, e.body)
}

// snippet keeps error text to one short line.
func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}
