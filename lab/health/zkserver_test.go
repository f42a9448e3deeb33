package health

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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
	// Registered first, so a failed start still kills the servers already running.
	t.Cleanup(func() {
		for _, s := range e.servers {
			e.stop(s)
		}
	})
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
