// Package zktest starts real ZooKeeper servers for tests: an ensemble of
// QuorumPeerMain JVMs on loopback addresses, one data directory each,
// stopped and restarted member by member and always killed in t.Cleanup.
// It uses an installed ZooKeeper (Debian's zookeeper package in CI).
package zktest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// Member is one server: its node name and loopback address.
type Member = stacktest.Member

// Options shape an ensemble.
type Options struct {
	// ClientPort is the client port on every address; zero picks a free
	// one. A given port that is taken skips the test (fails under
	// MESOSLAB_E2E=1).
	ClientPort int
	// Whitelist is 4lw.commands.whitelist; empty means "srvr,ruok".
	Whitelist string
}

// server is one ZooKeeper JVM.
type server struct {
	member Member
	cfg    string
	log    string
	cmd    *exec.Cmd
	done   chan error
	// running is only read and written by the test goroutine.
	running bool
}

// Ensemble is a set of real ZooKeeper servers started by a test.
type Ensemble struct {
	// ClientPort is where every member serves clients.
	ClientPort int
	t          testing.TB
	java, cp   string
	dir        string
	servers    []*server
}

// Start writes one zoo.cfg per member and starts them all; t.Cleanup
// kills them. With a single member the config has no server lines, so it
// runs standalone.
func Start(t testing.TB, java, classpath string, members []Member, o Options) *Ensemble {
	t.Helper()
	addrs := stacktest.Addrs(members)
	if o.Whitelist == "" {
		o.Whitelist = "srvr,ruok"
	}
	if o.ClientPort == 0 {
		o.ClientPort = stacktest.FreePort(t, addrs)
	} else {
		testenv.Need(t, portFree(addrs, o.ClientPort), fmt.Sprintf("port %d is taken on one of %v", o.ClientPort, addrs))
	}
	quorumPort, electionPort := stacktest.FreePort(t, addrs), stacktest.FreePort(t, addrs)
	e := &Ensemble{ClientPort: o.ClientPort, t: t, java: java, cp: classpath, dir: t.TempDir()}
	// Registered first, so a failed start still kills the servers already running.
	t.Cleanup(func() {
		for _, s := range e.servers {
			e.kill(s)
		}
	})
	var peers strings.Builder
	if len(members) > 1 {
		for i, m := range members {
			fmt.Fprintf(&peers, "server.%d=%s:%d:%d\n", i+1, m.Addr, quorumPort, electionPort)
		}
	}
	for i, m := range members {
		data := filepath.Join(e.dir, m.Name)
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
			data, e.ClientPort, m.Addr, o.Whitelist, peers.String())
		s := &server{member: m, cfg: filepath.Join(e.dir, m.Name+".cfg"), log: filepath.Join(e.dir, m.Name+".log")}
		if err := os.WriteFile(s.cfg, []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		e.servers = append(e.servers, s)
		e.start(s)
	}
	return e
}

// portFree reports whether port can be bound on every address now.
func portFree(addrs []string, port int) bool {
	for _, a := range addrs {
		l, err := net.Listen("tcp", net.JoinHostPort(a, strconv.Itoa(port)))
		if err != nil {
			return false
		}
		l.Close()
	}
	return true
}

func (e *Ensemble) start(s *server) {
	e.t.Helper()
	logFile, err := os.OpenFile(s.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		e.t.Fatal(err)
	}
	defer logFile.Close()
	cmd := exec.Command(e.java, "-Xmx128m", "-XX:+UseSerialGC", "-cp", e.cp,
		"org.apache.zookeeper.server.quorum.QuorumPeerMain", s.cfg)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Its own process group, so a kill reaches anything the JVM forks.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		e.t.Fatalf("start ZooKeeper on %s: %v", s.member.Name, err)
	}
	s.cmd, s.done, s.running = cmd, make(chan error, 1), true
	go func() { s.done <- cmd.Wait() }()
}

// kill kills one server's process group and waits for it, boundedly.
func (e *Ensemble) kill(s *server) {
	if !s.running {
		return
	}
	s.running = false
	syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		e.t.Errorf("ZooKeeper on %s did not exit after SIGKILL", s.member.Name)
	}
}

func (e *Ensemble) server(name string) *server {
	e.t.Helper()
	for _, s := range e.servers {
		if s.member.Name == name {
			return s
		}
	}
	e.t.Fatalf("no ZooKeeper server %s", name)
	return nil
}

// Stop kills the member called name, as a crash would.
func (e *Ensemble) Stop(name string) { e.kill(e.server(name)) }

// Restart starts a stopped member again with its data and configuration.
func (e *Ensemble) Restart(name string) {
	e.t.Helper()
	s := e.server(name)
	if s.running {
		e.t.Fatalf("ZooKeeper on %s is still running", name)
	}
	e.start(s)
}

// Logs returns the end of every server's log, for a failure message.
func (e *Ensemble) Logs() string {
	var b strings.Builder
	for _, s := range e.servers {
		data, _ := os.ReadFile(s.log)
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		lines = lines[max(0, len(lines)-15):]
		fmt.Fprintf(&b, "--- %s (%s)\n%s\n", s.member.Name, s.log, strings.Join(lines, "\n"))
	}
	return b.String()
}
