package workshop

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// DefaultCallTimeout bounds one HTTP call when a client is given none.
const DefaultCallTimeout = 10 * time.Second

// maxBody bounds what one answer may hold; an app with its tasks or an
// agent's state stay far below it.
const maxBody = 16 << 20

// DialFunc opens a network connection; (*net.Dialer).DialContext is one.
type DialFunc func(ctx context.Context, network, address string) (net.Conn, error)

// NewHTTPClient returns the client the workshop uses by default: it dials
// with dial (a plain net.Dialer when nil) and ignores proxy settings, since
// the lab network is local to the host.
func NewHTTPClient(dial DialFunc) *http.Client {
	if dial == nil {
		dial = (&net.Dialer{Timeout: DefaultCallTimeout}).DialContext
	}
	return &http.Client{Transport: &http.Transport{
		Proxy:                 nil,
		DialContext:           dial,
		ResponseHeaderTimeout: DefaultCallTimeout,
		IdleConnTimeout:       30 * time.Second,
	}}
}

// StatusError is an HTTP answer with a status the call did not expect.
type StatusError struct {
	Method, URL string
	Code        int
	// Body is the start of the answer, on one line.
	Body string
}

// Error names the call, the status and the start of the answer.
func (e *StatusError) Error() string {
	if e.Body == "" {
		return fmt.Sprintf("%s %s: HTTP %d", e.Method, e.URL, e.Code)
	}
	return fmt.Sprintf("%s %s: HTTP %d: %s", e.Method, e.URL, e.Code, e.Body)
}

// api makes JSON calls with one client, each under its own timeout.
type api struct {
	client  *http.Client
	timeout time.Duration
}

func newAPI(c *http.Client, timeout time.Duration) api {
	if c == nil {
		c = NewHTTPClient(nil)
	}
	if timeout <= 0 {
		timeout = DefaultCallTimeout
	}
	return api{client: c, timeout: timeout}
}

// reply is an HTTP answer read in full.
type reply struct {
	method, url string
	code        int
	header      http.Header
	body        []byte
}

// call sends in (JSON, when not nil) and reads the answer. An answer whose
// status is not among want is a *StatusError; no want accepts any status.
func (a api) call(ctx context.Context, method, url string, in any, want ...int) (reply, error) {
	ctx, cancel := context.WithTimeout(ctx, a.timeout)
	defer cancel()
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return reply{}, fmt.Errorf("%s %s: encoding request: %w", method, url, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return reply{}, fmt.Errorf("%s %s: %w", method, url, err)
	}
	// One Accept header for every client: see stack.AcceptJSON.
	req.Header.Set("Accept", stack.AcceptJSON)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := a.client.Do(req)
	if err != nil {
		return reply{}, fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return reply{}, fmt.Errorf("%s %s: reading answer: %w", method, url, err)
	}
	r := reply{method: method, url: url, code: resp.StatusCode, header: resp.Header, body: b}
	if len(want) > 0 && !slices.Contains(want, r.code) {
		return r, r.statusError()
	}
	return r, nil
}

// decode reads the answer's JSON into v.
func (r reply) decode(v any) error {
	if err := json.Unmarshal(r.body, v); err != nil {
		return fmt.Errorf("%s %s: decoding %q: %w", r.method, r.url, snippet(r.body), err)
	}
	return nil
}

func (r reply) statusError() error {
	return &StatusError{Method: r.method, URL: r.url, Code: r.code, Body: snippet(r.body)}
}

// snippet keeps error text to one short line.
func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 160 {
		s = s[:157] + "..."
	}
	return s
}
