package health

import (
	"context"
	"net"
	"net/http"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// Prober runs the probes. Its zero value is ready to use.
type Prober struct {
	// HTTP is the client for Mesos, Marathon, Chronos and Mesos-DNS. Nil
	// means a client that dials with Dial and ignores proxy settings: the
	// lab network is local. Redirects are never followed, whatever the
	// client's CheckRedirect says, because a Mesos standby's redirect is
	// itself the answer.
	HTTP *http.Client
	// Dial opens the ZooKeeper and DNS connections, and the HTTP ones when
	// HTTP is nil. Nil means a plain net.Dialer.
	Dial stack.DialFunc
}

// Probe probes t once with a zero Prober.
func Probe(ctx context.Context, t Target) Report {
	return (&Prober{}).Probe(ctx, t)
}

// round is one pass over a target with the prober's resolved clients.
type round struct {
	t    Target
	http stack.Client
	dial stack.DialFunc
}

func (p *Prober) round(t Target) *round {
	dial := p.Dial
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	client := p.HTTP
	if client == nil {
		client = &http.Client{Transport: &http.Transport{
			Proxy:       nil,
			DialContext: dial,
			// Each round talks to each endpoint once or twice; idle
			// connections would only outlive the round.
			DisableKeepAlives:     true,
			ResponseHeaderTimeout: t.timeout(),
		}}
	}
	c := *client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	// The client sets no timeout of its own: each probe's context has one.
	return &round{t: t, http: stack.Client{HTTP: &c}, dial: dial}
}

// bounded gives one probe its own deadline.
func (r *round) bounded(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, r.t.timeout())
}

// timed runs f and returns how long it took.
func timed(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}
