package recipes

import (
	"slices"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// aptRefresh is the command that refreshes the package lists.
const aptRefresh = `apt-get update -o DPkg::Lock::Timeout=120 && mkdir -p -- "$(dirname -- /var/lib/apt/periodic/mesoslab-update-success-stamp)" && touch -- /var/lib/apt/periodic/mesoslab-update-success-stamp`

// dockerHosts is the /etc/hosts Docker gives a container of the lab.
const dockerHosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n172.17.0.2\tmaster1\n"

func TestBaseFreshNode(t *testing.T) {
	c := fixtureDefaultLab()
	for _, tc := range []struct {
		name     string
		hostname string // what the node is called before the run
		want     []string
	}{
		{
			// Vagrant set the name; a container could not set it anyway.
			name: "named by vagrant", hostname: "master1",
			want: []string{"cat > /etc/hosts && chmod 0644 /etc/hosts", "write " + AptKeepConf, aptRefresh},
		},
		{
			name: "named otherwise", hostname: "debian-12",
			want: []string{"cat > /etc/hosts && chmod 0644 /etc/hosts", "cat > /etc/hostname && chmod 0644 /etc/hostname", "hostname master1", "write " + AptKeepConf, aptRefresh},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			node := provisiontest.NewNode(t, tc.hostname)
			node.SetFile("/etc/hosts", dockerHosts)
			rep, err := node.Provision(Base(c, c.Nodes[0]))
			if err != nil {
				t.Fatal(err)
			}
			if got := node.ChangingCommands(); !slices.Equal(got, tc.want) {
				t.Errorf("changing commands:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if rep.Changed != len(tc.want) || rep.Failed != 0 {
				t.Errorf("changed %d, failed %d; want %d changed", rep.Changed, rep.Failed, len(tc.want))
			}
			for path, want := range BaseFiles(c, c.Nodes[0]) {
				if got := node.Files[path].Content; got != string(want) {
					t.Errorf("%s on the node:\n%s\nwant:\n%s", path, got, want)
				}
			}
			if u := node.Unmatched(); len(u) > 0 {
				t.Errorf("commands the test node does not know: %q", u)
			}
		})
	}
}

// A node as the first run left it gets checks only.
func TestBaseConvergedNode(t *testing.T) {
	for _, c := range []Cluster{fixtureDefaultLab(), fixtureOneOneLab()} {
		for _, n := range c.Nodes {
			t.Run(c.Name+"/"+n.Name, func(t *testing.T) {
				node := provisiontest.NewNode(t, n.Name)
				for path, content := range BaseFiles(c, n) {
					node.SetFile(path, string(content))
				}
				node.AptFresh, node.AptLists = true, true
				rep, err := node.Provision(Base(c, n))
				if err != nil {
					t.Fatal(err)
				}
				if got := node.ChangingCommands(); len(got) > 0 || rep.Changed > 0 {
					t.Errorf("converged node changed %d step(s) with %q", rep.Changed, got)
				}
				if rep.Unchanged != len(Base(c, n)) {
					t.Errorf("unchanged %d of %d steps", rep.Unchanged, len(Base(c, n)))
				}
				if u := node.Unmatched(); len(u) > 0 {
					t.Errorf("commands the test node does not know: %q", u)
				}
			})
		}
	}
}

func TestHostsFile(t *testing.T) {
	c := fixtureDefaultLab()
	hosts := string(hostsFile(c))
	for _, n := range c.Nodes {
		if !strings.Contains(hosts, "\n"+n.IP+"\t"+n.Name+"\n") {
			t.Errorf("no line %q in\n%s", n.IP+"\t"+n.Name, hosts)
		}
		if strings.Count(hosts, n.Name) != 1 {
			t.Errorf("%s is named %d times; want once, by its private address", n.Name, strings.Count(hosts, n.Name))
		}
	}
	for _, line := range strings.Split(hosts, "\n") {
		if strings.HasPrefix(line, "127.0.1.1") || strings.HasPrefix(line, "172.17.") {
			t.Errorf("line %q names a node by an address its peers cannot use", line)
		}
	}
	if !strings.Contains(hosts, "127.0.0.1\tlocalhost\n") {
		t.Errorf("localhost is missing:\n%s", hosts)
	}
}

// Every value in a command goes through provision.Quote: a name that a lab
// would reject is still one word to the shell.
func TestBaseQuotesTheName(t *testing.T) {
	odd := "x'; touch /pwned; '"
	c := Cluster{Name: "q", Nodes: []Node{{Name: odd, Role: RoleAgent, IP: "192.168.56.21"}}}
	var hostname provision.Step
	for _, s := range Base(c, c.Nodes[0]) {
		if strings.HasPrefix(s.Name(), "hostname ") {
			hostname = s
		}
	}
	if hostname == nil {
		t.Fatal("no hostname step")
	}
	node := provisiontest.New("odd")
	node.On(`^\[ "\$\(hostname\)" = `).Times(1).Exit(1)
	node.On(`^\[ "\$\(hostname\)" = `)
	node.On(`^hostname `)
	if _, err := provision.Converge(t.Context(), node, hostname, false); err != nil {
		t.Fatal(err)
	}
	quoted := provision.Quote(odd)
	for _, cmd := range node.CommandLines() {
		if !strings.Contains(cmd, quoted) {
			t.Errorf("command %q does not carry the name as %s", cmd, quoted)
		}
	}
	if len(node.CommandLines()) != 3 {
		t.Errorf("got commands %q; want check, apply, check", node.CommandLines())
	}
}
