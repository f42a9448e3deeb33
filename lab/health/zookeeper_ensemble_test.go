package health

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/testenv"
)

// zookeeperClasspath finds an installed ZooKeeper: Debian's zookeeper
// package (whose jar's manifest names its dependencies) or a release
// tarball's lib directory. MESOSLAB_ZOOKEEPER_CLASSPATH overrides both.
func zookeeperClasspath() string {
	if cp := os.Getenv("MESOSLAB_ZOOKEEPER_CLASSPATH"); cp != "" {
		return cp
	}
	for _, pattern := range []string{"/usr/share/java/zookeeper.jar", "/usr/share/zookeeper/lib/zookeeper-*.jar", "/opt/zookeeper/lib/zookeeper-*.jar"} {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			if filepath.Base(pattern) == "zookeeper.jar" {
				return m[0]
			}
			return filepath.Join(filepath.Dir(m[0]), "*")
		}
	}
	return ""
}

// zkServer is one real ZooKeeper JVM started by the test.
type zkServer struct {
	node Node
	cmd  *exec.Cmd
	log  string
	done chan error
	// stopped is set by stop, which only the test goroutine calls.
	stopped bool
}

// zkEnsemble starts real ZooKeeper servers (QuorumPeerMain) on loopback
// addresses, one data directory each, and kills them in t.Cleanup.
type zkEnsemble struct {
	t          *testing.T
	java, cp   string
	dir        string
	clientPort int
	servers    []*zkServer
}

// freePorts picks n ports free on every address. The listeners close
// before the JVMs bind, so another process could take a port in between;
// the test then fails to form the ensemble and says so.
func freePorts(t *testing.T, addrs []string, n int) []int {
	var ports []int
	for range n {
		port, ls := listenSamePort(t, "tcp", addrs)
		for _, l := range ls {
			l.(net.Listener).Close()
		}
		ports = append(ports, port)
	}
	return ports
}

// startEnsemble writes one zoo.cfg per member and starts them all. With a
// single node the config has no server lines, so it runs standalone.
func startEnsemble(t *testing.T, java, cp string, nodes []Node, whitelist string) *zkEnsemble {
	t.Helper()
	var addrs []string
	for _, n := range nodes {
		addrs = append(addrs, n.Addr)
	}
	ports := freePorts(t, addrs, 3)
	e := &zkEnsemble{t: t, java: java, cp: cp, dir: t.TempDir(), clientPort: ports[0]}
	var servers strings.Builder
	if len(nodes) > 1 {
		for i, n := range nodes {
			fmt.Fprintf(&servers, "server.%d=%s:%d:%d\n", i+1, n.Addr, ports[1], ports[2])
		}
	}
	for i, n := range nodes {
		data := filepath.Join(e.dir, n.Name)
		if err := os.MkdirAll(data, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(data, "myid"), []byte(fmt.Sprintf("%d\n", i+1)), 0o644); err != nil {
			t.Fatal(err)
		}
		// tickTime 500 ms makes elections quick; the AdminServer is off, as
		// in the lab, where it would take Marathon's port 8080.
		cfg := fmt.Sprintf("tickTime=500\ninitLimit=10\nsyncLimit=5\ndataDir=%s\nclientPort=%d\nclientPortAddress=%s\n"+
			"4lw.commands.whitelist=%s\nadmin.enableServer=false\n%s",
			data, e.clientPort, n.Addr, whitelist, servers.String())
		cfgPath := filepath.Join(e.dir, n.Name+".cfg")
		if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		e.start(n, cfgPath)
	}
	t.Cleanup(func() {
		for _, s := range e.servers {
			e.stop(s)
		}
	})
	return e
}

func (e *zkEnsemble) start(n Node, cfgPath string) {
	e.t.Helper()
	logPath := filepath.Join(e.dir, n.Name+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		e.t.Fatal(err)
	}
	defer logFile.Close()
	cmd := exec.Command(e.java, "-Xmx128m", "-XX:+UseSerialGC", "-cp", e.cp,
		"org.apache.zookeeper.server.quorum.QuorumPeerMain", cfgPath)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Its own process group, so a kill reaches anything the JVM forks.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		e.t.Fatalf("start ZooKeeper on %s: %v", n.Name, err)
	}
	s := &zkServer{node: n, cmd: cmd, log: logPath, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()
	e.servers = append(e.servers, s)
}

// stop kills one server's process group and waits for it, boundedly.
func (e *zkEnsemble) stop(s *zkServer) {
	if s.stopped {
		return
	}
	s.stopped = true
	syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		e.t.Errorf("ZooKeeper on %s did not exit after SIGKILL", s.node.Name)
	}
}

func (e *zkEnsemble) server(name string) *zkServer {
	for _, s := range e.servers {
		if s.node.Name == name {
			return s
		}
	}
	e.t.Fatalf("no server %s", name)
	return nil
}

// logs returns the end of every server's log, for a failure message.
func (e *zkEnsemble) logs() string {
	var b strings.Builder
	for _, s := range e.servers {
		data, _ := os.ReadFile(s.log)
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		lines = lines[max(0, len(lines)-15):]
		fmt.Fprintf(&b, "--- %s (%s)\n%s\n", s.node.Name, s.log, strings.Join(lines, "\n"))
	}
	return b.String()
}

func (e *zkEnsemble) target(nodes []Node) Target {
	return Target{
		Masters:    nodes,
		Components: Components{ZooKeeper: true},
		Ports:      Ports{ZooKeeper: e.clientPort},
		Timeout:    2 * time.Second,
	}
}

// waitFor probes until cond holds on a report, for at most limit.
func (e *zkEnsemble) waitFor(tgt Target, limit time.Duration, what string, cond func(Report) bool) Report {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	var rep Report
	for {
		rep = Probe(ctx, tgt)
		if cond(rep) {
			return rep
		}
		select {
		case <-ctx.Done():
			e.t.Fatalf("after %s still not %s; last report:\n%s\nserver logs:\n%s", limit, what, dumpChecks(rep), e.logs())
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func dumpChecks(rep Report) string {
	var b strings.Builder
	for _, c := range rep.Checks {
		fmt.Fprintf(&b, "  %-20s %-4s %s\n", c.ID, c.Status, c.Finding)
	}
	return b.String()
}

func leaderOf(rep Report) string {
	for _, m := range rep.ZooKeeper {
		if m.Mode == "leader" {
			return m.Node.Name
		}
	}
	return ""
}

// TestZooKeeperEnsemble runs a real three-member ensemble (Debian's
// zookeeper package) on 127.0.0.11-13 and walks it from healthy, through
// a lost leader, to a lost quorum.
func TestZooKeeperEnsemble(t *testing.T) {
	testenv.NeedShort(t)
	java := testenv.NeedCommand(t, "java")
	cp := zookeeperClasspath()
	testenv.Need(t, cp != "", "ZooKeeper jars not found (apt-get install zookeeper, or set MESOSLAB_ZOOKEEPER_CLASSPATH)")

	start := time.Now()
	e := startEnsemble(t, java, cp, testMasters, "srvr,ruok")
	tgt := e.target(testMasters)

	// Healthy: Poll is what `verify --wait` uses.
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	rep, err := Poll(ctx, tgt, 250*time.Millisecond, nil)
	if err != nil {
		t.Fatalf("ensemble never became healthy: %v\n%s\n%s", err, dumpChecks(rep), e.logs())
	}
	modes := map[string]int{}
	for _, m := range rep.ZooKeeper {
		modes[m.Mode]++
		if m.Version == "" || m.NodeCount == 0 {
			t.Errorf("member facts %+v", m)
		}
	}
	if modes["leader"] != 1 || modes["follower"] != 2 {
		t.Fatalf("modes %v, want one leader and two followers", modes)
	}
	first := leaderOf(rep)
	wantCheck(t, rep, "zookeeper/quorum", StatusOK, first+" leads, 2 of 2 members following")
	t.Logf("ensemble healthy after %s, leader %s", time.Since(start).Round(time.Millisecond), first)

	// The leader dies: the other two elect a new one and keep the quorum.
	phase := time.Now()
	e.stop(e.server(first))
	rep = e.waitFor(tgt, 60*time.Second, "quorate with a new leader", func(r Report) bool {
		l := leaderOf(r)
		return l != "" && l != first && r.Worst() == StatusFail
	})
	second := leaderOf(rep)
	wantCheck(t, rep, "zookeeper/quorum", StatusWarn,
		"quorum held by 2 of 3 members (leader "+second+")", "degraded: "+first+" (unreachable)")
	wantCheck(t, rep, "zookeeper/"+first, StatusFail, "does not answer: connection refused")
	wantCheck(t, rep, "zookeeper/"+second, StatusOK, "leader")
	t.Logf("new leader %s after %s", second, time.Since(phase).Round(time.Millisecond))

	// A second member dies: the last one is up but has no quorum.
	phase = time.Now()
	e.stop(e.server(second))
	var last string
	for _, n := range testMasters {
		if n.Name != first && n.Name != second {
			last = n.Name
		}
	}
	rep = e.waitFor(tgt, 60*time.Second, "not serving", func(r Report) bool {
		c, _ := r.Check("zookeeper/" + last)
		return strings.Contains(c.Finding, "not serving")
	})
	wantCheck(t, rep, "zookeeper/"+last, StatusFail, "is up but not serving requests")
	wantCheck(t, rep, "zookeeper/quorum", StatusFail, "no ZooKeeper leader: 0 of 3 members serving, 2 needed")
	if rep.ZooKeeper[0].Problem == "" || rep.Healthy() {
		t.Errorf("report after losing quorum: %+v", rep.ZooKeeper)
	}
	t.Logf("quorum lost after %s; whole test %s", time.Since(phase).Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// TestZooKeeperStandalone runs one real server without server lines: the
// one-master lab's layout, and a server whose whitelist lacks mntr.
func TestZooKeeperStandalone(t *testing.T) {
	testenv.NeedShort(t)
	java := testenv.NeedCommand(t, "java")
	cp := zookeeperClasspath()
	testenv.Need(t, cp != "", "ZooKeeper jars not found (apt-get install zookeeper, or set MESOSLAB_ZOOKEEPER_CLASSPATH)")

	nodes := testMasters[:1]
	e := startEnsemble(t, java, cp, nodes, "ruok")
	tgt := e.target(nodes)
	rep := e.waitFor(tgt, 60*time.Second, "healthy", Report.Healthy)
	wantCheck(t, rep, "zookeeper/master1", StatusOK, "standalone")
	wantCheck(t, rep, "zookeeper/quorum", StatusOK, "single ZooKeeper server on master1")

	// ZooKeeper 3.5.3+ always whitelists srvr (zkServer.sh needs it), so
	// the refusal is shown with mntr, which "ruok" leaves out.
	r := (&Prober{}).round(tgt)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	answer, err := r.fourLetter(ctx, nodes[0].Addr, e.clientPort, "mntr")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parseSrvr(answer); !errors.Is(err, errNotWhitelisted) {
		t.Errorf("mntr answer %q parsed with %v, want the whitelist refusal", answer, err)
	}
}
