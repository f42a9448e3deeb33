package doctor

import (
	"context"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// td reads a file under testdata/.
func td(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const gib = 1 << 30

// healthyLinux is a 32 GiB, 8-CPU Debian laptop with Vagrant 2.4.9,
// VirtualBox 7.2.6, VT-x, no KVM, the box downloaded and a home LAN.
func healthyLinux(t testing.TB) *fakeHost {
	return &fakeHost{
		os: "linux", arch: "amd64",
		mem:  Memory{Total: 32 * gib, Available: 28 * gib},
		cpus: 8,
		disk: map[string]uint64{"/home/ada/lab": 200 * gib},
		files: map[string]string{"/proc/cpuinfo": td(t, "proc/cpuinfo-intel-vmx.txt"), "/proc/sys/kernel/osrelease": "6.1.0-28-amd64\n",
			"/proc/modules": td(t, "proc/modules-vboxdrv-no-kvm.txt")},
		dirs: map[string][]string{
			"/home/ada/.vagrant.d/boxes/bento-VAGRANTSLASH-debian-12":                   {"202502.21.0", "metadata_url"},
			"/home/ada/.vagrant.d/boxes/bento-VAGRANTSLASH-debian-12/202502.21.0":       {"amd64"},
			"/home/ada/.vagrant.d/boxes/bento-VAGRANTSLASH-debian-12/202502.21.0/amd64": {"virtualbox"},
		},
		env:   map[string]string{},
		home:  "/home/ada",
		paths: map[string]string{"vagrant": "/usr/bin/vagrant", "VBoxManage": "/usr/bin/VBoxManage"},
		cmds: map[string]fakeCmd{
			"/usr/bin/vagrant --version":    {out: Output{Stdout: td(t, "vagrant-version/2.4.9.txt")}},
			"/usr/bin/VBoxManage --version": {out: Output{Stdout: td(t, "vboxmanage-version/oracle-7.2.6.txt")}},
		},
		ifaces: []Interface{
			{Name: "lo", Loopback: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/8")}},
			{Name: "wlp0s20f3", Prefixes: []netip.Prefix{netip.MustParsePrefix("192.168.1.23/24")}},
		},
		routes: mustRoutes(t, td(t, "routes/proc-net-route-laptop.txt")),
	}
}

// haLab is the default lab: 3 masters and 3 agents with 2560 MB each.
func haLab() Lab {
	return Lab{Name: "mesoslab", Provider: ProviderVirtualBox, Dir: "/home/ada/lab", Box: "bento/debian-12",
		Masters: 3, Agents: 3, MemoryMB: 2560, CPUs: 1, LinkedClones: true,
		Subnet: netip.MustParsePrefix("192.168.56.0/24"), SSHPorts: []int{2222, 2200, 2201, 2202, 2203, 2204}}
}

func mustRoutes(t testing.TB, text string) []Route {
	t.Helper()
	r, err := parseProcNetRoute(text)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// runCheck runs one check through Run, as the CLI would with --only.
func runCheck(t *testing.T, h Host, lab Lab, id string) Result {
	t.Helper()
	rs := Run(context.Background(), h, lab, Options{Only: []string{id}, Timeout: 5 * time.Second})
	if len(rs) != 1 || rs[0].ID != id {
		t.Fatalf("Run(--only %s) = %+v", id, rs)
	}
	t.Logf("%s %s: %s | fix: %s", rs[0].ID, rs[0].Status, rs[0].Finding, rs[0].Fix)
	return rs[0]
}

// expect checks status and that finding and fix hold the given fragments.
func expect(t *testing.T, r Result, status Status, finding, fix []string) {
	t.Helper()
	if r.Status != status {
		t.Errorf("status = %s, want %s (finding %q)", r.Status, status, r.Finding)
	}
	for _, s := range finding {
		if !strings.Contains(r.Finding, s) {
			t.Errorf("finding %q lacks %q", r.Finding, s)
		}
	}
	for _, s := range fix {
		if !strings.Contains(r.Fix, s) {
			t.Errorf("fix %q lacks %q", r.Fix, s)
		}
	}
	if status != StatusOK && r.Fix == "" {
		t.Errorf("%s without a fix", status)
	}
}
