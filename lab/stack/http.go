package stack

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// AcceptJSON is the Accept header of every HTTP call mesoslab makes to the
// lab's services. It asks for JSON but takes any type, because Mesos-DNS
// 0.6.0 declares no type on its routes and its go-restful router then
// answers 406 to a bare "application/json"; only "*/*" (or no Accept)
// matches there (mesosphere/mesos-dns v0.6.0 resolver/resolver.go:481-491,
// vendor/github.com/emicklei/go-restful/route.go:68-89). Marathon, Chronos,
// Mesos and later Mesos-DNS still pick JSON.
const AcceptJSON = "application/json, */*"

// DefaultCallTimeout bounds one call of a client made by NewClient with no
// timeout of its own.
const DefaultCallTimeout = 10 * time.Second

// maxBody bounds what one answer may hold; a large lab's /master/state, an
// app with its tasks or an agent's state stay far below it.
const maxBody = 16 << 20

// DialFunc opens a network connection; (*net.Dialer).DialContext is one.
type DialFunc func(ctx context.Context, network, address string) (net.Conn, error)

// NewHTTPClient returns a client that dials with dial (a plain net.Dialer
// when nil) and ignores proxy settings, since the lab network is local to
// the host.
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

// Client makes JSON calls with one HTTP client, each under its own timeout.
type Client struct {
	// HTTP sends the requests.
	HTTP *http.Client
	// Timeout bounds each call; zero leaves the bound to the context.
	Timeout time.Duration
}

// NewClient returns a Client; a nil c means NewHTTPClient(nil), a zero
// timeout DefaultCallTimeout per call.
func NewClient(c *http.Client, timeout time.Duration) Client {
	if c == nil {
		c = NewHTTPClient(nil)
	}
	if timeout <= 0 {
		timeout = DefaultCallTimeout
	}
	return Client{HTTP: c, Timeout: timeout}
}

// BaseURL is http://ADDR:PORT.
func BaseURL(addr string, port int) string {
	return "http://" + net.JoinHostPort(addr, strconv.Itoa(port))
}

// Get fetches path from addr:port and returns the answer whatever its status.
func (c Client) Get(ctx context.Context, addr string, port int, path string) (Reply, error) {
	return c.Call(ctx, http.MethodGet, BaseURL(addr, port)+path, nil)
}

// Call sends in (JSON, when not nil) and reads the answer in full. An answer
// whose status is not among want is a *StatusError; no want accepts any
// status.
func (c Client) Call(ctx context.Context, method, url string, in any, want ...int) (Reply, error) {
	if c.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.Timeout)
		defer cancel()
	}
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return Reply{}, fmt.Errorf("%s %s: encoding request: %w", method, url, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return Reply{}, fmt.Errorf("%s %s: %w", method, url, err)
	}
	req.Header.Set("Accept", AcceptJSON)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return Reply{}, fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return Reply{}, fmt.Errorf("%s %s: reading answer: %w", method, url, err)
	}
	r := Reply{Method: method, URL: url, Code: resp.StatusCode, Header: resp.Header, Body: b}
	if len(want) > 0 && !slices.Contains(want, r.Code) {
		return r, r.StatusError()
	}
	return r, nil
}
