package recipes

import (
	"slices"
	"strings"
	"testing"
)

func TestResolverFreshThenConverged(t *testing.T) {
	c := testCluster("default", 3, 3)
	f := newLabNode(t, c.node("agent2"))
	provisionTwice(t, f, c, Resolver, []string{
		"write /etc/systemd/resolved.conf.d/mesoslab.conf",
		"write /etc/dhcp/dhclient-enter-hooks.d/mesoslab-resolv",
		"write /etc/resolv.conf in place",
	})
	want := "# Written by mesoslab: the lab's Mesos-DNS servers answer *.mesos and forward\n" +
		"# other names; the network's resolver follows in case they are down.\n" +
		"options timeout:2 attempts:2\nsearch lab.test\n" +
		"nameserver 192.168.56.12\nnameserver 192.168.56.13\nnameserver 10.0.2.3\n"
	if got := f.Files["/etc/resolv.conf"].Content; got != want {
		t.Errorf("resolv.conf:\n%s\nwant:\n%s", got, want)
	}
}

// TestResolverOnSystemdResolved routes the mesos domain through a drop-in
// and leaves /etc/resolv.conf, the stub's, alone.
func TestResolverOnSystemdResolved(t *testing.T) {
	c := testCluster("default", 3, 3)
	f := newLabNode(t, c.node("master2"))
	f.useResolved()
	stub := f.Files["/etc/resolv.conf"].Content
	provisionTwice(t, f, c, Resolver, []string{
		"write /etc/systemd/resolved.conf.d/mesoslab.conf",
		"systemctl restart systemd-resolved",
		"write /etc/dhcp/dhclient-enter-hooks.d/mesoslab-resolv",
	})
	if got := f.Files["/etc/resolv.conf"].Content; got != stub {
		t.Errorf("resolv.conf changed on a systemd-resolved box:\n%s", got)
	}
	if got := f.Files["/etc/systemd/resolved.conf.d/mesoslab.conf"].Content; !strings.Contains(got, "\nDNS=192.168.56.12 192.168.56.13 192.168.56.11\nDomains=~mesos\n") {
		t.Errorf("drop-in:\n%s", got)
	}
}

func TestResolverWithoutUpstream(t *testing.T) {
	c := testCluster("default", 3, 3)
	f := newLabNode(t, c.node("agent1"))
	f.SetFile("/etc/resolv.conf", "nameserver 192.168.56.11\nnameserver 192.168.56.12\n")
	err := f.provision(Resolver(c, f.node))
	if err == nil || !strings.Contains(err.Error(), "no upstream nameserver besides the lab's Mesos-DNS servers") {
		t.Fatalf("error %v, want one about the missing upstream", err)
	}
}

func TestMesosDNSServers(t *testing.T) {
	c := testCluster("default", 3, 3)
	for name, want := range map[string][]string{
		"master1": {"192.168.56.11", "192.168.56.12", "192.168.56.13"},
		"master3": {"192.168.56.13", "192.168.56.11", "192.168.56.12"},
		"agent1":  {"192.168.56.11", "192.168.56.12", "192.168.56.13"},
		"agent2":  {"192.168.56.12", "192.168.56.13", "192.168.56.11"},
		"agent3":  {"192.168.56.13", "192.168.56.11", "192.168.56.12"},
	} {
		if got := mesosDNSServers(c, c.node(name)); !slices.Equal(got, want) {
			t.Errorf("%s asks %v, want %v", name, got, want)
		}
	}
	one := testCluster("one-one", 1, 1)
	if got := mesosDNSServers(one, one.node("agent1")); !slices.Equal(got, []string{"192.168.56.11"}) {
		t.Errorf("1+1 agent asks %v", got)
	}
}

func TestRenderResolvConf(t *testing.T) {
	const head = "# Written by mesoslab: the lab's Mesos-DNS servers answer *.mesos and forward\n" +
		"# other names; the network's resolver follows in case they are down.\n" + resolvOptions + "\n"
	tests := []struct {
		name              string
		orig              string
		servers, upstream []string
		want              string
	}{
		{"three masters: two of them and the upstream, within glibc's three",
			"nameserver 10.0.2.3\nnameserver 10.0.2.4\n", []string{"192.168.56.11", "192.168.56.12", "192.168.56.13"}, []string{"10.0.2.3", "10.0.2.4"},
			head + "nameserver 192.168.56.11\nnameserver 192.168.56.12\nnameserver 10.0.2.3\n"},
		{"one master: two upstreams fit",
			"nameserver 10.0.2.3\nnameserver 10.0.2.4\nnameserver 10.0.2.5\n", []string{"192.168.56.11"}, []string{"10.0.2.3", "10.0.2.4", "10.0.2.5"},
			head + "nameserver 192.168.56.11\nnameserver 10.0.2.3\nnameserver 10.0.2.4\n"},
		{"search, domain and options are kept; comments are not",
			"# from DHCP\ndomain lab.test\nsearch lab.test corp.test\noptions ndots:2\nnameserver 127.0.0.11\n", []string{"192.168.56.11"}, []string{"127.0.0.11"},
			head + "domain lab.test\nsearch lab.test corp.test\noptions ndots:2\nnameserver 192.168.56.11\nnameserver 127.0.0.11\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderResolvConf(tt.orig, tt.servers, tt.upstream)
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			// Rendering from its own output gives the same file: a second
			// run must not grow it.
			up, err := resolvFacts{content: got}.upstream(tt.servers)
			if err != nil {
				t.Fatal(err)
			}
			if again := renderResolvConf(got, tt.servers, up); again != got {
				t.Errorf("rendering again gives:\n%s", again)
			}
		})
	}
}

// TestLeaderNotResolvingSaysWhy: a leader.mesos that does not resolve
// after the mesos-dns phase passed is a Mesos-DNS without a record of the
// leader; the wait's error names the likely causes and what to run on
// which master, and keeps getent's failure.
func TestLeaderNotResolvingSaysWhy(t *testing.T) {
	c := testCluster("default", 3, 3)
	for node, master := range map[string]string{"agent2": "master1", "master3": "master3"} {
		f := newLabNode(t, c.node(node)) // resolv.conf names no Mesos-DNS: getent exits 2
		err := leaderResolvesProbe(askMaster(c, f.node))(t.Context(), f)
		if err == nil {
			t.Fatalf("%s: leader.mesos resolves on a node without Mesos-DNS", node)
		}
		for _, want := range []string{
			"leader.mesos does not resolve on the node yet",
			"older than 0.7 and polls /master/state.json, which Mesos removed in 1.8", "sources.mesos_dns",
			"the leader's /master/state does not answer it",
			"`mesoslab verify`", "`mesoslab ssh " + master + " -- sudo journalctl -u mesos-dns`", `"Failed to fetch state"`,
			"getent hosts leader.mesos", "exit",
		} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: error lacks %q:\n%v", node, want, err)
			}
		}
	}
}
