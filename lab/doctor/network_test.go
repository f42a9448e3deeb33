package doctor

import (
	"errors"
	"net/netip"
	"testing"
)

func TestCheckHostNetwork(t *testing.T) {
	lan := func(addr string) []Interface {
		return []Interface{{Name: "lo", Loopback: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/8")}},
			{Name: "wlp0s20f3", Prefixes: []netip.Prefix{netip.MustParsePrefix(addr)}}}
	}
	tests := []struct {
		name, os, subnet, conf, routes string
		vbox, provider                 string
		ifaces                         []Interface
		routesErr                      error
		noRoutes                       bool
		status                         Status
		finding, fix                   string
	}{
		{name: "default range", status: StatusOK,
			finding: "192.168.56.0/24 is inside 192.168.56.0/21 (VirtualBox's default); no host interface or route overlaps 192.168.56.0/24"},
		{name: "outside the default range", subnet: "192.168.70.0/24", status: StatusFail,
			finding: "192.168.70.0/24 is outside the host-only ranges VirtualBox allows (VirtualBox's default: 192.168.56.0/21)",
			fix:     "`sudo mkdir -p /etc/vbox && echo '* 192.168.56.0/21 192.168.70.0/24' | sudo tee -a /etc/vbox/networks.conf`"},
		{name: "manual example allows 10/8", subnet: "10.20.0.0/24", conf: "manual-example.conf", status: StatusOK,
			finding: "10.20.0.0/24 is inside 10.0.0.0/8 (/etc/vbox/networks.conf)"},
		{name: "one range per line", subnet: "10.20.0.0/24", conf: "one-range-per-line.conf", status: StatusFail,
			finding: "(/etc/vbox/networks.conf: 10.100.0.0/24, 192.168.10.0/24)", fix: "echo '* 10.20.0.0/24'"},
		{name: "allow all", subnet: "172.30.9.0/24", conf: "allow-all.conf", status: StatusOK, finding: "inside 0.0.0.0/0"},
		{name: "file without ranges allows nothing", conf: "comments-only.conf", status: StatusFail,
			finding: "(/etc/vbox/networks.conf: none)"},
		{name: "entry with host bits and two spaces", subnet: "172.28.5.0/24", conf: "two-spaces-host-bits.conf", status: StatusOK,
			finding: "inside 172.28.0.0/16"},
		{name: "Windows has no allow-list", os: "windows", subnet: "10.20.0.0/24", status: StatusOK,
			finding: "Windows puts no limit"},
		{name: "macOS with VirtualBox 7", os: "darwin", subnet: "10.20.0.0/24", status: StatusOK,
			finding: "VirtualBox 7 on macOS: host-only networks"},
		{name: "macOS with VirtualBox 6.1", os: "darwin", vbox: "debian-6.1.50.txt", subnet: "10.20.0.0/24", status: StatusFail,
			finding: "outside the host-only ranges"},
		{name: "home LAN on the lab subnet", ifaces: lan("192.168.56.10/24"), status: StatusFail,
			finding: "192.168.56.0/24 overlaps a host network: 192.168.56.0/24 on wlp0s20f3", fix: "behind wlp0s20f3"},
		{name: "VPN route over the lab subnet", routes: "proc-net-route-vpn.txt", ifaces: lan("10.0.3.7/16"), status: StatusFail,
			finding: "route 192.168.0.0/16 via tun0", fix: "tun0"},
		{name: "routes unreadable, interfaces clean", routesErr: errors.New("unsupported"), status: StatusOK,
			finding: "no host interface or route overlaps"},
		{name: "docker bridge of this provider", provider: ProviderDocker, noRoutes: true, ifaces: []Interface{{Name: "br-634660c69185",
			Prefixes: []netip.Prefix{netip.MustParsePrefix("192.168.56.1/24")}}}, status: StatusOK,
			finding: "no host interface or route overlaps 192.168.56.0/24"},
		{name: "docker0 over the lab subnet", provider: ProviderDocker, subnet: "172.17.5.0/24", status: StatusFail,
			finding: "route 172.17.0.0/16 via docker0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, lab := healthyLinux(t), haLab()
			if tt.os != "" {
				h.os = tt.os
			}
			if tt.subnet != "" {
				lab.Subnet = netip.MustParsePrefix(tt.subnet)
			}
			if tt.conf != "" {
				h.files[networksConf] = td(t, "networks-conf/"+tt.conf)
			}
			if tt.routes != "" {
				h.routes = mustRoutes(t, td(t, "routes/"+tt.routes))
			}
			if tt.vbox != "" {
				setTool(t, h, "VBoxManage", "vboxmanage-version/", tt.vbox)
			}
			if tt.provider != "" {
				lab.Provider = tt.provider
			}
			if tt.ifaces != nil {
				h.ifaces = tt.ifaces
			}
			h.routesErr = tt.routesErr
			if tt.noRoutes {
				h.routes = nil
			}
			expect(t, runCheck(t, h, lab, "host-network"), tt.status, []string{tt.finding}, []string{tt.fix})
		})
	}
}

func TestCheckHostNetworkNeedsSubnet(t *testing.T) {
	lab := haLab()
	lab.Subnet = netip.Prefix{}
	expect(t, runCheck(t, healthyLinux(t), lab, "host-network"), StatusFail, []string{"no subnet"}, nil)
}

func TestParseNetworksConf(t *testing.T) {
	got := parseNetworksConf(td(t, "networks-conf/manual-example.conf"))
	want := []string{"10.0.0.0/8", "192.168.0.0/16", "2001::/64"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("range %d = %s, want %s", i, got[i], want[i])
		}
	}
}
