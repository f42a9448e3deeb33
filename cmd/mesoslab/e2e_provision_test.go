package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/workshop"
	"github.com/mesoslab/mesoslab/vagrant"
)

// zkOnlyConfig is a ZooKeeper-only container lab of 3 masters and 1 agent.
const zkOnlyConfig = `provider: docker
masters: 3
agents: 1
subnet: %s
ssh_port_base: %d
components:
  zookeeper: true
  mesos: false
  marathon: false
  chronos: false
  mesos_dns: false
`

// TestContainerLabZooKeeperProvisioning provisions a real ZooKeeper
// ensemble in the container lab with `mesoslab up`, then checks the ensemble
// from the host, idempotence, repair of a hand-edited zoo.cfg, and a dry run
// on a fresh node.
func TestContainerLabZooKeeperProvisioning(t *testing.T) {
	needContainerLab(t)
	l := newContainerLab(t, "e2e-zk", "192.168.63.0/24", 2540, 3, 1)
	if err := os.WriteFile(l.dir().Config(), []byte(fmt.Sprintf(zkOnlyConfig, l.subnet, 2540)), 0o644); err != nil {
		t.Fatal(err)
	}

	// The first up runs in-process, to read the provisioning report's figures.
	s := streams{In: strings.NewReader(""), Out: os.Stdout, Err: os.Stderr,
		LookupEnv: func(k string) (string, bool) {
			if k == "MESOSLAB_HOME" {
				return l.home, true
			}
			return os.LookupEnv(k)
		}}
	lb, err := lab.Open(context.Background(), lab.OpenOptions{
		ResolveOptions: lab.ResolveOptions{Home: l.home, Lab: l.name, Env: s.LookupEnv}, Backends: s.backends()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	res, err := lb.Up(ctx, lab.UpOptions{})
	if err != nil {
		t.Fatalf("up: %v", err)
	}
	rep := res.Provision
	t.Logf("up %s; provisioning: wall %s, sum of per-node step times %s (wall/sum %.2f), %d changed",
		res.Took.Round(time.Second), rep.Wall.Round(time.Millisecond), rep.StepTime.Round(time.Millisecond),
		rep.Wall.Seconds()/rep.StepTime.Seconds(), rep.Changed)
	if rep.Changed == 0 || rep.Failed != 0 {
		t.Errorf("first provisioning: %d changed, %d failed", rep.Changed, rep.Failed)
	}
	assertEnsemble(t, lb.Plan)

	l.subtest(t, "a second provision changes nothing", func(t *testing.T) {
		start := time.Now()
		out := l.must("provision")
		again := time.Since(start)
		if changedCount(t, out) != 0 || strings.Contains(out, "[fail]") {
			t.Errorf("second provision changed something:\n%s", out)
		}
		t.Logf("no-op provision: %s (%.2f of the first run's %s)", again.Round(time.Millisecond), again.Seconds()/rep.Wall.Seconds(), rep.Wall.Round(time.Millisecond))
	})

	l.subtest(t, "a hand-edited zoo.cfg is put back and ZooKeeper restarted", func(t *testing.T) {
		l.must("ssh", "master2", "--", "sudo sed -i s/^tickTime=.*/tickTime=9999/ /etc/zookeeper/conf/zoo.cfg")
		out := l.must("provision", "--only", "zookeeper")
		if changedCount(t, out) == 0 {
			t.Errorf("the edit was not repaired:\n%s", out)
		}
		cfg := l.must("ssh", "master2", "--", "grep ^tickTime= /etc/zookeeper/conf/zoo.cfg")
		if strings.Contains(cfg, "9999") {
			t.Errorf("zoo.cfg still edited: %s", cfg)
		}
		assertEnsemble(t, lb.Plan)
	})

	l.subtest(t, "a dry run on a fresh node lists changes and makes none", func(t *testing.T) {
		drv := vagrant.NewCLI(l.dir().Root, vagrant.CLIOptions{})
		if err := drv.Destroy(ctx, "agent1"); err != nil {
			t.Fatal(err)
		}
		if err := drv.Up(ctx, "agent1", "docker", nil); err != nil {
			t.Fatal(err)
		}
		// Re-created with plain vagrant: the pinned key no longer matches, and
		// the error names the node and the fix.
		_, stderr, code := l.run("provision", "--dry-run", "--node", "agent1")
		if code == 0 || !strings.Contains(stderr, "agent1") || !strings.Contains(stderr, "mesoslab ssh-reset agent1") {
			t.Errorf("a changed host key went unnoticed: exit %d\n%s", code, stderr)
		}
		l.must("ssh-reset", "agent1")
		first := l.must("provision", "--dry-run", "--node", "agent1")
		if !strings.Contains(first, "would change") || !strings.Contains(first, "agent1") {
			t.Errorf("dry run listed nothing:\n%s", first)
		}
		second := l.must("provision", "--dry-run", "--node", "agent1")
		if countLines(first, "[warn]") != countLines(second, "[warn]") {
			t.Errorf("the dry run changed the node:\nfirst:\n%s\nsecond:\n%s", first, second)
		}
	})

	// The HA drills of the workshop, on a real ensemble: only ZooKeeper is
	// switched on, so the Mesos parts of the drills have nothing to stop.
	l.subtest(t, "failover zookeeper elects another leader and restores the old one", func(t *testing.T) {
		var res workshop.FailoverResult
		if err := json.Unmarshal([]byte(l.must("failover", "-o", "json", "zookeeper")), &res); err != nil {
			t.Fatal(err)
		}
		t.Logf("ZooKeeper leader %s -> %s: re-elected in %s, rejoined in %s", res.OldLeader, res.NewLeader, res.Reelection, res.Rejoined)
		if res.OldLeader == "" || res.NewLeader == "" || res.NewLeader == res.OldLeader || !res.Restored {
			t.Errorf("drill result = %+v", res)
		}
		assertEnsemble(t, lb.Plan)
	})

	l.subtest(t, "failover quorum loses the ensemble and restores it", func(t *testing.T) {
		var res workshop.FailoverResult
		if err := json.Unmarshal([]byte(l.must("failover", "-o", "json", "quorum")), &res); err != nil {
			t.Fatal(err)
		}
		t.Logf("stopped %v: service lost %s after the last stop, back in %s", res.Stopped, res.Reelection, res.Rejoined)
		if len(res.Stopped) != 2 || !res.Restored {
			t.Errorf("drill result = %+v", res)
		}
		assertEnsemble(t, lb.Plan)
	})
}

func countLines(s, sub string) int { return strings.Count(s, sub) }

var changedRe = regexp.MustCompile(`provisioned in [^:]+: (\d+) changed,`)

// changedCount reads the summary line of `mesoslab provision`.
func changedCount(t *testing.T, out string) int {
	t.Helper()
	m := changedRe.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no summary line in:\n%s", out)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// assertEnsemble asks every master's ZooKeeper `srvr` from the host, after
// checking that the address sits on a local bridge this test's lab created.
func assertEnsemble(t *testing.T, p *config.Plan) {
	t.Helper()
	modes := map[string]int{}
	deadline := time.Now().Add(90 * time.Second)
	for _, m := range p.Masters() {
		requireLocalBridge(t, m.IP.String())
		var mode string
		for time.Now().Before(deadline) {
			if mode = srvrMode(m.IP.String()); mode == "leader" || mode == "follower" {
				break
			}
			time.Sleep(time.Second)
		}
		modes[mode]++
	}
	if modes["leader"] != 1 || modes["follower"] != 2 {
		t.Errorf("ensemble modes = %v, want one leader and two followers", modes)
	}
}

func srvrMode(ip string) string {
	c, err := net.DialTimeout("tcp", net.JoinHostPort(ip, "2181"), 3*time.Second)
	if err != nil {
		return "unreachable"
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(3 * time.Second))
	fmt.Fprint(c, "srvr")
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		if m, ok := strings.CutPrefix(sc.Text(), "Mode: "); ok {
			return m
		}
	}
	return "no mode"
}

// requireLocalBridge refuses to probe an address unless the route to it is
// a Docker bridge on this machine: tests never send traffic off the host.
func requireLocalBridge(t *testing.T, ip string) {
	t.Helper()
	out, err := exec.Command("ip", "route", "get", ip).Output()
	if err != nil {
		t.Fatalf("ip route get %s: %v", ip, err)
	}
	f := strings.Fields(string(out))
	for i := range f {
		if f[i] == "dev" && i+1 < len(f) && (strings.HasPrefix(f[i+1], "br-") || strings.HasPrefix(f[i+1], "docker")) {
			return
		}
	}
	t.Fatalf("refusing to probe %s: its route is not a local Docker bridge: %s", ip, out)
}
