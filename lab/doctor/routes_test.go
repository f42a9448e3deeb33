package doctor

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
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

func TestRouteOf(t *testing.T) {
	laptop := mustRoutes(t, td(t, "routes/proc-net-route-laptop.txt"))
	vpn := mustRoutes(t, td(t, "routes/proc-net-route-vpn.txt"))
	bridge := append(slices.Clone(laptop), Route{Prefix: netip.MustParsePrefix("192.168.58.0/24"), Iface: "br-634660c69185"})
	windows := []Interface{
		{Name: "Wi-Fi", Prefixes: []netip.Prefix{netip.MustParsePrefix("192.168.1.23/24")}},
		{Name: "VirtualBox Host-Only Ethernet Adapter", Prefixes: []netip.Prefix{netip.MustParsePrefix("192.168.56.1/24")}},
	}
	unsupported := fmt.Errorf("routes on windows: %w", errors.ErrUnsupported)
	tests := []struct {
		name      string
		routes    []Route
		routesErr error
		ifaces    []Interface
		ifacesErr error
		provider  string
		addr      string
		wantIface string
		wantOwn   bool
		wantErr   bool
	}{
		{"host-only adapter", laptop, nil, nil, nil, ProviderVirtualBox, "192.168.56.11", "vboxnet0", true, false},
		{"host-only adapter is not the container lab's", laptop, nil, nil, nil, ProviderDocker, "192.168.56.11", "vboxnet0", false, false},
		{"only the default route", laptop, nil, nil, nil, ProviderVirtualBox, "192.168.57.11", "", false, false},
		{"the home LAN", laptop, nil, nil, nil, ProviderVirtualBox, "192.168.1.20", "wlp0s20f3", false, false},
		{"a VPN holds the subnet", vpn, nil, nil, nil, ProviderVirtualBox, "192.168.56.11", "tun0", false, false},
		{"the container lab's bridge", bridge, nil, nil, nil, ProviderDocker, "192.168.58.21", "br-634660c69185", true, false},
		{"loopback needs no table", nil, unsupported, nil, unsupported, ProviderDocker, "127.0.0.11", "loopback", true, false},
		{"windows: the adapter's own network", nil, unsupported, windows, nil, ProviderVirtualBox, "192.168.56.12", "VirtualBox Host-Only Ethernet Adapter", true, false},
		{"windows: no interface holds it", nil, unsupported, windows, nil, ProviderVirtualBox, "192.168.57.12", "", false, false},
		{"nothing readable", nil, unsupported, nil, unsupported, ProviderVirtualBox, "192.168.56.11", "", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &fakeRouting{routes: tt.routes, routesErr: tt.routesErr, ifaces: tt.ifaces, ifacesErr: tt.ifacesErr}
			iface, own, err := RouteOf(context.Background(), h, tt.provider, netip.MustParseAddr(tt.addr))
			if (err != nil) != tt.wantErr || iface != tt.wantIface || own != tt.wantOwn {
				t.Errorf("RouteOf(%s) = %q, %v, %v; want %q, %v, error %v", tt.addr, iface, own, err, tt.wantIface, tt.wantOwn, tt.wantErr)
			}
		})
	}
}

// fakeRouting is a routing table and interface list read from a recording.
type fakeRouting struct {
	routes    []Route
	routesErr error
	ifaces    []Interface
	ifacesErr error
}

func (f *fakeRouting) Interfaces(context.Context) ([]Interface, error) { return f.ifaces, f.ifacesErr }
func (f *fakeRouting) Routes(context.Context) ([]Route, error)         { return f.routes, f.routesErr }
