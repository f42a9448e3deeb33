package doctor

import (
	"fmt"
	"slices"
	"testing"
)

func routeStrings(rs []Route) []string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s %s", r.Prefix, r.Iface))
	}
	return out
}

func TestParseProcNetRoute(t *testing.T) {
	got := routeStrings(mustRoutes(t, td(t, "routes/proc-net-route-laptop.txt")))
	want := []string{"0.0.0.0/0 wlp0s20f3", "192.168.1.0/24 wlp0s20f3", "172.17.0.0/16 docker0", "192.168.56.0/24 vboxnet0"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := parseProcNetRoute("Iface\tDestination\nbad\tZZZZ\t0\t0\t0\t0\t0\tFFFFFFFF\n"); err == nil {
		t.Error("want an error for a malformed line")
	}
}

func TestParseNetstatRoutes(t *testing.T) {
	got := routeStrings(parseNetstatRoutes(td(t, "routes/netstat-rn-darwin.txt")))
	want := []string{"0.0.0.0/0 en0", "10.8.0.0/16 utun3", "127.0.0.0/8 lo0", "127.0.0.1/32 lo0", "169.254.0.0/16 en0",
		"192.168.1.0/24 en0", "192.168.1.1/32 en0", "192.168.56.0/24 vboxnet0", "224.0.0.0/4 en0", "255.255.255.255/32 en0"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
