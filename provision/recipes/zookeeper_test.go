package recipes

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// installCmd is what the Package step sends for Debian's ZooKeeper.
const installCmd = "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=120 -- zookeeperd"

func TestZooKeeperFreshMaster(t *testing.T) {
	for _, c := range []Cluster{fixtureDefaultLab(), fixtureOneOneLab()} {
		n := c.Masters()[0]
		t.Run(c.Name, func(t *testing.T) {
			node, postinstStarted := zkSimNode(t, c, n, true)
			rep, err := node.Provision(ZooKeeper(c, n))
			if err != nil {
				t.Fatal(err)
			}
			want := []string{
				"write " + zkUnit, // before the package, so its postinst does not start ZooKeeper
				installCmd,
				"write " + zkConfig,
				"write " + zkMyID,
				"write " + zkDefaults, // a conffile of the package, so after it
				"systemctl daemon-reload && systemctl enable zookeeper && systemctl start zookeeper",
			}
			if got := node.ChangingCommands(); !slices.Equal(got, want) {
				t.Errorf("changing commands:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if *postinstStarted {
				t.Error("the package's postinst started ZooKeeper with its example configuration")
			}
			if rep.Changed != len(want) || rep.Failed != 0 {
				t.Errorf("changed %d, failed %d; want %d changed", rep.Changed, rep.Failed, len(want))
			}
			for path, want := range ZooKeeperFiles(c, n) {
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

func TestZooKeeperConvergedMaster(t *testing.T) {
	for _, c := range []Cluster{fixtureDefaultLab(), fixtureOneOneLab()} {
		for _, n := range c.Masters() {
			t.Run(c.Name+"/"+n.Name, func(t *testing.T) {
				node, _ := zkSimNode(t, c, n, false)
				steps := ZooKeeper(c, n)
				rep, err := node.Provision(steps)
				if err != nil {
					t.Fatal(err)
				}
				if got := node.ChangingCommands(); len(got) > 0 || rep.Changed > 0 {
					t.Errorf("converged node changed %d step(s) with %q", rep.Changed, got)
				}
				if rep.Unchanged != len(steps) {
					t.Errorf("unchanged %d of %d steps", rep.Unchanged, len(steps))
				}
				if u := node.Unmatched(); len(u) > 0 {
					t.Errorf("commands the test node does not know: %q", u)
				}
			})
		}
	}
}

// What a person changes by hand is put back, and ZooKeeper restarts once to
// read it.
func TestZooKeeperDriftRestarts(t *testing.T) {
	c := fixtureDefaultLab()
	n := c.Masters()[1]
	restart := "systemctl daemon-reload && systemctl restart zookeeper"
	for _, tc := range []struct {
		name  string
		drift func(*zkNode)
		fix   string
	}{
		{"zoo.cfg edited", func(s *zkNode) { s.SetFile(zkConfig, "tickTime=3000\n") }, "write " + zkConfig},
		{"myid changed", func(s *zkNode) { s.SetFile(zkMyID, "7\n") }, "write " + zkMyID},
		{"unit edited", func(s *zkNode) { s.SetFile(zkUnit, "[Service]\n") }, "write " + zkUnit},
		{"heap cap removed", func(s *zkNode) { s.SetFile(zkDefaults, "#JAVA_OPTS=\"\"\n") }, "write " + zkDefaults},
		{"data directory owned by root", func(s *zkNode) { s.Dirs[zkDataDir] = provisiontest.Dir{Owner: "root:root", Mode: "755"} }, "install -d -o zookeeper -g zookeeper -m 0750 -- /var/lib/zookeeper"},
		{"myid link replaced", func(s *zkNode) { delete(s.Links, zkDataDir+"/myid") }, "ln -sfnT -- /etc/zookeeper/conf/myid /var/lib/zookeeper/myid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			node, _ := zkSimNode(t, c, n, false)
			tc.drift(node)
			rep, err := node.Provision(ZooKeeper(c, n))
			if err != nil {
				t.Fatal(err)
			}
			want := []string{tc.fix, restart}
			if got := node.ChangingCommands(); !slices.Equal(got, want) {
				t.Errorf("changing commands:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if node.Restarts[zkService] != 1 || rep.Changed != 2 {
				t.Errorf("%d restart(s), %d changed step(s); want 1 and 2", node.Restarts[zkService], rep.Changed)
			}
		})
	}
}

func TestZooKeeperStepsByNode(t *testing.T) {
	c := fixtureDefaultLab()
	if s := ZooKeeper(c, c.Agents()[0]); s != nil {
		t.Errorf("an agent got %d ZooKeeper steps", len(s))
	}
	if f := ZooKeeperFiles(c, c.Agents()[0]); f != nil {
		t.Errorf("an agent got ZooKeeper files %v", f)
	}
	steps := ZooKeeper(c, c.Masters()[0])
	if last := steps[len(steps)-1].Name(); !strings.HasPrefix(last, "wait for ") {
		t.Errorf("the last step is %q; want the wait for a leader", last)
	}
}

func TestZooKeeperPinnedVersion(t *testing.T) {
	c := fixtureOneOneLab()
	c.Sources.ZooKeeperVersion = "3.8.0-11+deb12u2"
	n := c.Masters()[0]
	node, _ := zkSimNode(t, c, n, true)
	if _, err := node.Provision(ZooKeeper(c, n)); err != nil {
		t.Fatal(err)
	}
	want := installCmd[:len(installCmd)-len("zookeeperd")] + "'zookeeperd=3.8.0-11+deb12u2'"
	if node.Count("^"+regexp.QuoteMeta(want)+"$") != 1 {
		t.Errorf("no %q among %q", want, node.ChangingCommands())
	}
}

func TestZooCfg(t *testing.T) {
	c := fixtureDefaultLab()
	cfg := string(zooCfg(c))
	for _, want := range []string{
		"dataDir=/var/lib/zookeeper\n", "clientPort=2181\n", "4lw.commands.whitelist=ruok,srvr,stat,mntr,conf\n",
		"admin.enableServer=false\n", "initLimit=", "syncLimit=", "tickTime=",
		"server.1=192.168.56.11:2888:3888\n", "server.2=192.168.56.12:2888:3888\n", "server.3=192.168.56.13:2888:3888\n",
	} {
		if !strings.Contains(cfg, want) {
			t.Errorf("zoo.cfg lacks %q:\n%s", want, cfg)
		}
	}
	if strings.Contains(cfg, "quorumListenOnAllIPs") || strings.Count(cfg, "server.") != 3 {
		t.Errorf("zoo.cfg lists other servers or listens on every address:\n%s", cfg)
	}
	for _, n := range c.Masters() {
		if got := string(ZooKeeperFiles(c, n)[zkMyID]); got != string(rune('0'+n.ZooKeeperID))+"\n" {
			t.Errorf("myid of %s is %q", n.Name, got)
		}
	}
}
