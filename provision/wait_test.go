package provision_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

func TestWaitOutcomes(t *testing.T) {
	cases := []struct {
		name      string
		failFirst int // probes that fail before one passes; -1: all fail
		dryRun    bool
		want      provision.Outcome
		wantErr   string
	}{
		{name: "ready", failFirst: 0, want: provision.Unchanged},
		{name: "ready after a while", failFirst: 3, want: provision.Changed},
		{name: "dry run", failFirst: 3, dryRun: true, want: provision.WouldChange},
		{name: "never ready", failFirst: -1, want: provision.Failed, wantErr: "zookeeper quorum not ready after 50ms"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int32
			probe := func(ctx context.Context, _ provision.Runner) error {
				if n := int(calls.Add(1)); tc.failFirst < 0 || n <= tc.failFirst {
					return errors.New("no leader yet")
				}
				return nil
			}
			step := provision.Wait(provision.WaitSpec{Name: "zookeeper quorum", Probe: probe, Timeout: 50 * time.Millisecond, Interval: time.Millisecond})
			got, err := converge(t, provisiontest.New("master1"), step, tc.dryRun)
			if got != tc.want || (err != nil) != (tc.wantErr != "") || (err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("got %s, %v; want %s and an error saying %q", got, err, tc.want, tc.wantErr)
			}
			if tc.wantErr != "" && !strings.Contains(err.Error(), "no leader yet") {
				t.Fatalf("the error should carry the last probe error: %v", err)
			}
		})
	}
}

func TestWaitStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	probe := func(context.Context, provision.Runner) error { cancel(); return errors.New("not yet") }
	step := provision.Wait(provision.WaitSpec{Name: "mesos leader", Probe: probe, Timeout: time.Hour, Interval: time.Hour})
	got, err := provision.Converge(ctx, provisiontest.New("master1"), step, false)
	if got != provision.Failed || !errors.Is(err, context.Canceled) {
		t.Fatalf("got %s, %v", got, err)
	}
}

func TestProbesFromTheHost(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	open := l.Addr().String()
	l.Close() // now nothing listens there
	closed := open
	l, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	open = l.Addr().String()

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/health" {
			w.WriteHeader(http.StatusOK)
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, tc := range []struct {
		name  string
		probe provision.Probe
		ok    bool
	}{
		{"tcp open", provision.TCPFromHost(open), true},
		{"tcp closed", provision.TCPFromHost(closed), false},
		{"http 200", provision.HTTPFromHost(srv.URL+"/health", 200), true},
		{"http 503", provision.HTTPFromHost(srv.URL+"/other", 200), false},
	} {
		if err := tc.probe(ctx, nil); (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

func TestProbesFromTheNode(t *testing.T) {
	needBash(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// bash's /dev/tcp, really run, against a loopback listener.
	if err := provision.TCPFromNode("127.0.0.1", port)(ctx, provisiontest.Local{}); err != nil {
		t.Fatalf("open port: %v", err)
	}
	l.Close()
	if err := provision.TCPFromNode("127.0.0.1", port)(ctx, provisiontest.Local{}); err == nil {
		t.Fatal("closed port: no error")
	}

	node := provisiontest.New("master1")
	node.On(`^curl .* -- http://127\.0\.0\.1:5050/health$`).Stdout("200")
	node.On(`^curl .* -- 'http://127\.0\.0\.1:8080/v2/leader\?x=1&y=2'$`).Stdout("503")
	if err := provision.HTTPFromNode("http://127.0.0.1:5050/health", 200)(ctx, node); err != nil {
		t.Fatal(err)
	}
	err = provision.HTTPFromNode("http://127.0.0.1:8080/v2/leader?x=1&y=2", 200)(ctx, node)
	if err == nil || !strings.Contains(err.Error(), "status 503, want "+strconv.Itoa(200)) {
		t.Fatalf("want a status error, got %v", err)
	}
}
