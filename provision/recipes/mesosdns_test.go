package recipes

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/internal/golden"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// AVENTER's repository and the Mesos-DNS release are on hosts the build
// machine cannot reach, so these tests run against labNode;
// mesosdns_shell_test.go installs a stand-in binary with the real curl.

// releaseCluster is the default lab with Mesos-DNS from the release
// binary, the alternative to AVENTER's package.
func releaseCluster(masters, agents int) Cluster {
	c := testCluster("default", masters, agents)
	c.Sources.MesosDNSPackage, c.Sources.MesosDNSVersion, c.Sources.MesosDNSURL = "", "0.7.0-rc2", testDNSURL
	return c
}

// TestMesosDNSPackageFreshThenConverged installs AVENTER's mesos-dns deb on
// a node that has not run the mesos-master phase: the recipe sets up the
// signed repository itself. After that phase it only confirms it (see
// TestMesosDNSPackageReusesTheMesosRepository).
func TestMesosDNSPackageFreshThenConverged(t *testing.T) {
	c := testCluster("default", 3, 3)
	f := newLabNode(t, c.node("master1"))
	provisionTwice(t, f, c, MesosDNS, []string{
		"useradd mesos-dns",
		"apt-get install ca-certificates curl gpg",
		"write /etc/apt/keyrings/mesoslab-mesos.asc",
		"write /var/lib/mesoslab/apt-key-mesos.url",
		"write /etc/apt/sources.list.d/mesoslab-mesos.list",
		"apt-get update /etc/apt/sources.list.d/mesoslab-mesos.list",
		"apt-get install mesos-dns",
		"write /etc/mesos-dns/config.json",
		"write /etc/systemd/system/mesos-dns.service",
		"systemctl enable mesos-dns",
		"systemctl start mesos-dns",
	})
}

// TestMesosDNSPackageReusesTheMesosRepository runs the mesos-dns phase
// after the mesos-master phase, as the plan does: the repository, its key
// and its lists stay as mesos-master left them.
func TestMesosDNSPackageReusesTheMesosRepository(t *testing.T) {
	c := testCluster("default", 3, 3)
	f := newLabNode(t, c.node("master1"))
	if err := f.provision(MesosMaster(c, f.node)); err != nil {
		t.Fatal(err)
	}
	f.TakeChanges()
	if err := f.provision(MesosDNS(c, f.node)); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"useradd mesos-dns", "apt-get install mesos-dns",
		"write /etc/mesos-dns/config.json", "write /etc/systemd/system/mesos-dns.service",
		"systemctl enable mesos-dns", "systemctl start mesos-dns",
	}
	if got := f.TakeChanges(); !slices.Equal(got, want) {
		t.Errorf("changes after mesos-master:\n got: %q\nwant: %q", got, want)
	}
}

func TestMesosDNSReleaseFreshThenConverged(t *testing.T) {
	c := releaseCluster(3, 3)
	f := newLabNode(t, c.node("master1"))
	provisionTwice(t, f, c, MesosDNS, []string{
		"useradd mesos-dns",
		"apt-get install ca-certificates curl",
		"download https://releases.mesoslab.test/mesos-dns/v0.7.0-rc2/mesos-dns-v0.7.0-rc2-linux-amd64",
		"install /usr/local/bin/mesos-dns",
		"write /var/lib/mesoslab/mesos-dns.url",
		"write /etc/mesos-dns/config.json",
		"write /etc/systemd/system/mesos-dns.service",
		"systemctl enable mesos-dns",
		"systemctl start mesos-dns",
	})
}

// TestMesosDNSUnitRunsTheInstalledBinary: the deb installs /usr/bin, the
// release goes to /usr/local/bin, and mesoslab's unit must run the one the
// source installed, as mesoslab's own user.
func TestMesosDNSUnitRunsTheInstalledBinary(t *testing.T) {
	for _, tt := range []struct {
		name string
		c    Cluster
		want string
	}{
		{"package", testCluster("default", 1, 1), "ExecStart=/usr/bin/mesos-dns -config=/etc/mesos-dns/config.json\n"},
		{"release", releaseCluster(1, 1), "ExecStart=/usr/local/bin/mesos-dns -config=/etc/mesos-dns/config.json\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newLabNode(t, tt.c.node("master1"))
			if err := f.provision(MesosDNS(tt.c, f.node)); err != nil {
				t.Fatal(err)
			}
			unit := f.Files["/etc/systemd/system/mesos-dns.service"].Content
			if !strings.Contains(unit, "\n"+tt.want) || !strings.Contains(unit, "\nUser=mesos-dns\n") {
				t.Errorf("unit:\n%s\nwant %q and User=mesos-dns", unit, tt.want)
			}
		})
	}
}

// TestMesosDNSSwitchSource moves a node from the release binary to the
// package: the unit then runs the package's binary, and Mesos-DNS restarts.
func TestMesosDNSSwitchSource(t *testing.T) {
	f := newLabNode(t, testCluster("default", 1, 1).node("master1"))
	if err := f.provision(MesosDNS(releaseCluster(1, 1), f.node)); err != nil {
		t.Fatal(err)
	}
	f.TakeChanges()
	c := testCluster("default", 1, 1)
	if err := f.provision(MesosDNS(c, f.node)); err != nil {
		t.Fatal(err)
	}
	got := f.TakeChanges()
	for _, w := range []string{"apt-get install mesos-dns", "write /etc/systemd/system/mesos-dns.service", "systemctl restart mesos-dns"} {
		if !slices.Contains(got, w) {
			t.Errorf("changes %q lack %q", got, w)
		}
	}
}

func TestMesosDNSPackageVersion(t *testing.T) {
	c := testCluster("default", 1, 1)
	c.Sources.MesosDNSVersion = "0.9.0"
	f := newLabNode(t, c.node("master1"))
	if err := f.provision(MesosDNS(c, f.node)); err != nil {
		t.Fatal(err)
	}
	if got := f.TakeChanges(); !slices.Contains(got, "apt-get install mesos-dns=0.9.0") {
		t.Errorf("a pinned version is not installed pinned: %q", got)
	}

	c.Sources.MesosDNSVersion = "0.9.4"
	f = newLabNode(t, c.node("master1"))
	provisiontest.WantSourceError(t, f.provision(MesosDNS(c, f.node)), "sources.mesos_dns.version",
		"sources.mesos_dns.version = 0.9.4: mesos-dns=0.9.4 is not in the repository "+testRepo,
		"apt-cache policy mesos-dns", "or leave it empty for the newest", "or install the release binary instead: set sources.mesos_dns.url")
}

func TestMesosDNSConfig(t *testing.T) {
	c := testCluster("default", 3, 3)
	f := newLabNode(t, c.node("master2"))
	if err := f.provision(MesosDNS(c, f.node)); err != nil {
		t.Fatal(err)
	}
	raw := f.Files["/etc/mesos-dns/config.json"].Content
	var cfg mesosDNSConfigJSON
	if err := json.Unmarshal([]byte(raw), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Listener != "192.168.56.12" || cfg.HTTPListener != "192.168.56.12" || cfg.Port != 53 || cfg.HTTPPort != 8123 ||
		!cfg.HTTPOn || cfg.Domain != "mesos" ||
		cfg.ZK != "zk://192.168.56.11:2181,192.168.56.12:2181,192.168.56.13:2181/mesos" ||
		!slices.Equal(cfg.Masters, []string{"192.168.56.11:5050", "192.168.56.12:5050", "192.168.56.13:5050"}) ||
		!slices.Equal(cfg.Resolvers, []string{"10.0.2.3"}) {
		t.Errorf("config: %+v", cfg)
	}
	// Absent, the key means 30 s and an exit without a ZooKeeper leader.
	if !strings.Contains(raw, `"zkDetectionTimeout": 0,`) {
		t.Errorf("config does not set zkDetectionTimeout to 0:\n%s", raw)
	}
}

// TestMesosDNSKeepsItsUpstreamAfterTheResolver provisions Mesos-DNS again
// after the resolver put the Mesos-DNS servers into resolv.conf: they must
// not become Mesos-DNS's own upstream (a forwarding loop), so nothing
// changes.
func TestMesosDNSKeepsItsUpstreamAfterTheResolver(t *testing.T) {
	c := testCluster("default", 3, 3)
	for _, resolved := range []bool{false, true} {
		f := newLabNode(t, c.node("master3"))
		// Two upstreams: with three masters only the first fits behind
		// two Mesos-DNS servers.
		f.SetFile("/etc/resolv.conf", "nameserver 10.0.2.3\nnameserver 10.0.2.4\n")
		if resolved {
			f.useResolved()
		}
		if err := f.provision(append(MesosDNS(c, f.node), Resolver(c, f.node)...)); err != nil {
			t.Fatal(err)
		}
		f.TakeChanges()
		if err := f.provision(MesosDNS(c, f.node)); err != nil {
			t.Fatal(err)
		}
		if got := f.TakeChanges(); len(got) != 0 {
			t.Errorf("resolved=%v: Mesos-DNS changed after the resolver ran: %q", resolved, got)
		}
	}
}

func TestMesosDNSNewVersion(t *testing.T) {
	c := releaseCluster(1, 1)
	f := newLabNode(t, c.node("master1"))
	if err := f.provision(MesosDNS(c, f.node)); err != nil {
		t.Fatal(err)
	}
	f.TakeChanges()
	c.Sources.MesosDNSVersion = "0.7.0"
	url := "https://releases.mesoslab.test/mesos-dns/v0.7.0/mesos-dns-v0.7.0-linux-amd64"
	f.URLs[url] = provisiontest.URL{Body: "mesos-dns 0.7.0 amd64"}
	f.binaries["mesos-dns 0.7.0 amd64"] = "v0.7.0"
	if err := f.provision(MesosDNS(c, f.node)); err != nil {
		t.Fatal(err)
	}
	want := []string{"download " + url, "install /usr/local/bin/mesos-dns", "write /var/lib/mesoslab/mesos-dns.url", "systemctl restart mesos-dns"}
	if got := f.TakeChanges(); !slices.Equal(got, want) {
		t.Errorf("changes for a new version: %q, want %q", got, want)
	}
}

func TestMesosDNSDownloadFailures(t *testing.T) {
	amd64URL := "https://releases.mesoslab.test/mesos-dns/v0.7.0-rc2/mesos-dns-v0.7.0-rc2-linux-amd64"
	tests := []struct {
		name  string
		setup func(f *labNode)
		parts []string
	}{
		{"arm64 has no upstream build", func(f *labNode) { f.Arch = "arm64" }, []string{
			"sources.mesos_dns.url = https://releases.mesoslab.test/mesos-dns/v0.7.0-rc2/mesos-dns-v0.7.0-rc2-linux-arm64",
			"there is no arm64 build at this URL (the upstream Mesos-DNS releases are amd64 only)",
			"fix: replace sources.mesos_dns.url and sources.mesos_dns.version in mesoslab.yaml with sources.mesos_dns.package: mesos-dns",
			"AVENTER's maintained fork", "if the repository has an arm64 build of it", "or run the lab on amd64",
		}},
		{"release host down", func(f *labNode) { f.URLs[amd64URL] = provisiontest.URL{Exit: 7} }, []string{
			"its host refuses the connection or cannot be reached (curl exit 7)",
			"fix: check that the nodes reach it, or set sources.mesos_dns.url (with {version} and {arch})",
			"a reachable release of Mesos-DNS 0.7 or later", "sources.mesos_dns.package: mesos-dns",
		}},
		{"download does not run here", func(f *labNode) { f.URLs[amd64URL] = provisiontest.URL{Body: "mesos-dns 0.7.0-rc2 arm64"} }, []string{
			"the downloaded file does not run on this amd64 node", "Exec format error",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := releaseCluster(1, 1)
			f := newLabNode(t, c.node("master1"))
			tt.setup(f)
			err := f.provision(MesosDNS(c, f.node))
			provisiontest.WantSourceError(t, err, "sources.mesos_dns.url", tt.parts...)
			if _, ok := f.Files["/usr/local/bin/mesos-dns"]; ok {
				t.Error("a failed download was installed")
			}
			if _, ok := f.Files["/usr/local/bin/mesos-dns.download"]; ok {
				t.Error("a failed download was left behind")
			}
		})
	}
}

func TestSameVersion(t *testing.T) {
	for _, tt := range []struct {
		out, version string
		want         bool
	}{
		{"v0.6.0", "0.6.0", true}, {"0.6.0", "v0.6.0", true}, {"Mesos-DNS v0.10.1", "0.10.1", true},
		{"v0.7.0-rc2", "0.7.0-rc2", true}, {"v0.6.0-dirty", "0.6.0", false}, {"v0.6.1", "0.6.0", false}, {"", "0.6.0", false},
	} {
		if got := sameVersion(tt.out, tt.version); got != tt.want {
			t.Errorf("sameVersion(%q, %q) = %v", tt.out, tt.version, got)
		}
	}
}

// TestMesosDNSReleaseGoldenFiles pins the unit and config of the release
// source, beside the package's in TestMesosGoldenFiles; only ExecStart
// differs.
func TestMesosDNSReleaseGoldenFiles(t *testing.T) {
	c := releaseCluster(1, 1)
	f := newLabNode(t, c.node("master1"))
	if err := f.provision(MesosDNS(c, f.node)); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/etc/systemd/system/mesos-dns.service", "/etc/mesos-dns/config.json", "/var/lib/mesoslab/mesos-dns.url"} {
		golden.Check(t, filepath.Join("testdata", "golden", "release-dns", "master1", filepath.FromSlash(p)), []byte(f.Files[p].Content))
	}
}
