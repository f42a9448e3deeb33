package workshop

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
)

func TestAppDNSNames(t *testing.T) {
	tests := []struct{ id, a, srv string }{
		{"/demo", "demo.marathon.mesos.", "_demo._tcp.marathon.mesos."},
		{"/Demo/", "demo.marathon.mesos.", "_demo._tcp.marathon.mesos."},
		{"/group/app", "app-group.marathon.mesos.", "_app-group._tcp.marathon.mesos."},
	}
	for _, tt := range tests {
		a, srv := AppDNSNames(tt.id)
		if a != tt.a || srv != tt.srv {
			t.Errorf("AppDNSNames(%q) = %q, %q; want %q, %q", tt.id, a, srv, tt.a, tt.srv)
		}
	}
}

// LookupApp against a fake Mesos-DNS on loopback, never the host's resolver.
func TestLookupAppAsksTheGivenServer(t *testing.T) {
	d := newFakeDNS(t, []string{"127.0.0.11", "127.0.0.12"})
	d.set("127.0.0.11", "demo.marathon.mesos.", []string{"127.0.0.22", "127.0.0.21"}, "_demo._tcp.marathon.mesos.", []SRVRecord{
		{Target: "demo-k2c8h-s1.marathon.mesos.", Port: 31012, Weight: 1},
		{Target: "demo-a9f3x-s0.marathon.mesos.", Port: 31005, Weight: 1},
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	ans, err := LookupApp(ctx, nil, fmt.Sprintf("127.0.0.11:%d", d.port), DemoAppID)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ans.A, " "); got != "127.0.0.21 127.0.0.22" {
		t.Errorf("A = %q", got)
	}
	want := []SRVRecord{{Target: "demo-a9f3x-s0.marathon.mesos.", Port: 31005, Weight: 1}, {Target: "demo-k2c8h-s1.marathon.mesos.", Port: 31012, Weight: 1}}
	if fmt.Sprint(ans.SRV) != fmt.Sprint(want) {
		t.Errorf("SRV = %v, want %v", ans.SRV, want)
	}

	// The other master's Mesos-DNS has not refreshed yet: NXDOMAIN.
	_, err = LookupApp(ctx, nil, fmt.Sprintf("127.0.0.12:%d", d.port), DemoAppID)
	var dnsErr *net.DNSError
	if err == nil || !strings.Contains(err.Error(), "A demo.marathon.mesos. from 127.0.0.12") {
		t.Fatalf("err = %v, want the A lookup on 127.0.0.12 to fail", err)
	}
	if !errors.As(err, &dnsErr) || !dnsErr.IsNotFound {
		t.Errorf("err = %v, want a not-found DNS error", err)
	}
}
