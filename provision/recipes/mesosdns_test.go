package recipes

import (
	"encoding/json"
	"slices"
	"testing"
)

// The Mesos-DNS release is on a host the build machine cannot reach, so
// these tests run against fakeNode; mesosdns_shell_test.go installs a
// stand-in binary with the real curl.

func TestMesosDNSFreshThenConverged(t *testing.T) {
	c := testCluster("default", 3, 3)
	f := newFakeNode(t, c.node("master1"))
	provisionTwice(t, f, c, MesosDNS, []string{
		"apt-get install ca-certificates curl",
		"useradd mesos-dns",
		"download https://releases.mesoslab.test/mesos-dns/v0.6.0/mesos-dns-v0.6.0-linux-amd64",
		"install /usr/local/bin/mesos-dns",
		"write /var/lib/mesoslab/mesos-dns.url",
		"write /etc/mesos-dns/config.json",
		"write /etc/systemd/system/mesos-dns.service",
		"systemctl enable mesos-dns",
		"systemctl start mesos-dns",
	})
}

func TestMesosDNSConfig(t *testing.T) {
	c := testCluster("default", 3, 3)
	f := newFakeNode(t, c.node("master2"))
	if err := f.provision(MesosDNS(c, f.node)); err != nil {
		t.Fatal(err)
	}
	var cfg mesosDNSConfigJSON
	if err := json.Unmarshal([]byte(f.files["/etc/mesos-dns/config.json"].content), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Listener != "192.168.56.12" || cfg.Port != 53 || cfg.HTTPPort != 8123 || !cfg.HTTPOn || cfg.Domain != "mesos" ||
		cfg.ZK != "zk://192.168.56.11:2181,192.168.56.12:2181,192.168.56.13:2181/mesos" ||
		!slices.Equal(cfg.Masters, []string{"192.168.56.11:5050", "192.168.56.12:5050", "192.168.56.13:5050"}) ||
		!slices.Equal(cfg.Resolvers, []string{"10.0.2.3"}) {
		t.Errorf("config: %+v", cfg)
	}
}

// TestMesosDNSKeepsItsUpstreamAfterTheResolver provisions Mesos-DNS again
// after the resolver put the Mesos-DNS servers into resolv.conf: they must
// not become Mesos-DNS's own upstream (a forwarding loop), so nothing
// changes.
func TestMesosDNSKeepsItsUpstreamAfterTheResolver(t *testing.T) {
	c := testCluster("default", 3, 3)
	for _, resolved := range []bool{false, true} {
		f := newFakeNode(t, c.node("master3"))
		// Two upstreams: with three masters only the first fits behind
		// two Mesos-DNS servers.
		f.files["/etc/resolv.conf"] = fakeFile{content: "nameserver 10.0.2.3\nnameserver 10.0.2.4\n", mode: "644", owner: "root:root"}
		if resolved {
			f.useResolved()
		}
		if err := f.provision(append(MesosDNS(c, f.node), Resolver(c, f.node)...)); err != nil {
			t.Fatal(err)
		}
		f.takeChanges()
		if err := f.provision(MesosDNS(c, f.node)); err != nil {
			t.Fatal(err)
		}
		if got := f.takeChanges(); len(got) != 0 {
			t.Errorf("resolved=%v: Mesos-DNS changed after the resolver ran: %q", resolved, got)
		}
	}
}

func TestMesosDNSNewVersion(t *testing.T) {
	c := testCluster("default", 1, 1)
	f := newFakeNode(t, c.node("master1"))
	if err := f.provision(MesosDNS(c, f.node)); err != nil {
		t.Fatal(err)
	}
	f.takeChanges()
	c.Sources.MesosDNSVersion = "0.7.0-rc2"
	url := "https://releases.mesoslab.test/mesos-dns/v0.7.0-rc2/mesos-dns-v0.7.0-rc2-linux-amd64"
	f.urls[url] = fakeURL{body: "mesos-dns 0.7.0-rc2 amd64"}
	f.binaries["mesos-dns 0.7.0-rc2 amd64"] = "v0.7.0-rc2"
	if err := f.provision(MesosDNS(c, f.node)); err != nil {
		t.Fatal(err)
	}
	want := []string{"download " + url, "install /usr/local/bin/mesos-dns", "write /var/lib/mesoslab/mesos-dns.url", "systemctl restart mesos-dns"}
	if got := f.takeChanges(); !slices.Equal(got, want) {
		t.Errorf("changes for a new version: %q, want %q", got, want)
	}
}

func TestMesosDNSDownloadFailures(t *testing.T) {
	amd64URL := "https://releases.mesoslab.test/mesos-dns/v0.6.0/mesos-dns-v0.6.0-linux-amd64"
	tests := []struct {
		name  string
		setup func(f *fakeNode)
		parts []string
	}{
		{"arm64 has no upstream build", func(f *fakeNode) { f.arch = "arm64" }, []string{
			"sources.mesos_dns.url = https://releases.mesoslab.test/mesos-dns/v0.6.0/mesos-dns-v0.6.0-linux-arm64",
			"there is no arm64 build at this URL (the upstream Mesos-DNS releases are amd64 only)",
			"fix: set sources.mesos_dns.url and sources.mesos_dns.version in mesoslab.yaml to a Mesos-DNS binary built for arm64",
			"AVENTER's maintained fork", "avhost/mesos-dns", "or run the lab on amd64",
		}},
		{"release host down", func(f *fakeNode) { f.urls[amd64URL] = fakeURL{exit: 7} }, []string{
			"its host refuses the connection or cannot be reached (curl exit 7)",
			"fix: check that the nodes reach it, or set sources.mesos_dns.url (with {version} and {arch})",
		}},
		{"download does not run here", func(f *fakeNode) { f.urls[amd64URL] = fakeURL{body: "mesos-dns 0.6.0 arm64"} }, []string{
			"the downloaded file does not run on this amd64 node", "Exec format error",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testCluster("default", 1, 1)
			f := newFakeNode(t, c.node("master1"))
			tt.setup(f)
			err := f.provision(MesosDNS(c, f.node))
			wantSourceError(t, err, "sources.mesos_dns.url", tt.parts...)
			if _, ok := f.files["/usr/local/bin/mesos-dns"]; ok {
				t.Error("a failed download was installed")
			}
			if _, ok := f.files["/usr/local/bin/mesos-dns.download"]; ok {
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
		{"v0.6.0-dirty", "0.6.0", false}, {"v0.6.1", "0.6.0", false}, {"", "0.6.0", false},
	} {
		if got := sameVersion(tt.out, tt.version); got != tt.want {
			t.Errorf("sameVersion(%q, %q) = %v", tt.out, tt.version, got)
		}
	}
}
