package recipes

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/internal/zktest"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// TestZooCfgRealEnsemble starts three real ZooKeeper servers (Debian's
// zookeeper package) from the zoo.cfg and myid the recipe renders, on
// 127.0.0.81-83 with the lab's ports, and runs the recipe's own last step,
// the wait for a leader, against them through a real bash. Two lines are
// changed for the host: dataDir goes to a temporary directory, and
// clientPortAddress keeps the three servers of one host off each other's
// client port (on a node ZooKeeper serves clients on every address).
func TestZooCfgRealEnsemble(t *testing.T) {
	testenv.NeedShort(t)
	testenv.NeedCommand(t, "bash")
	testenv.NeedCommand(t, "timeout")
	java, classpath := zktest.Need(t)
	c := Cluster{Name: "real"}
	for i := 1; i <= 3; i++ {
		c.Nodes = append(c.Nodes, Node{Name: fmt.Sprintf("master%d", i), Role: RoleMaster, IP: fmt.Sprintf("127.0.0.%d", 80+i), ZooKeeperID: i})
	}
	for _, n := range c.Nodes {
		for _, port := range []string{"2181", "2888", "3888"} {
			l, err := net.Listen("tcp", net.JoinHostPort(n.IP, port))
			testenv.Need(t, err == nil, fmt.Sprintf("port %s of %s is taken: %v", port, n.IP, err))
			l.Close()
		}
	}
	dir := t.TempDir()
	for _, n := range c.Nodes {
		startZooKeeper(t, java, classpath, dir, c, n)
	}

	steps := ZooKeeper(c, c.Nodes[1])
	wait := steps[len(steps)-1]
	if _, err := provision.Converge(context.Background(), provisiontest.Local{}, wait, false); err != nil {
		t.Fatalf("%s: %v\n%s", wait.Name(), err, zkLogs(dir))
	}
	// The whitelist lets through what mesoslab and its checks ask.
	for cmd, want := range map[string]string{"ruok": "imok", "mntr": "zk_server_state", "conf": "serverId=1", "stat": "Mode: "} {
		if got := fourLetters(t, c.Nodes[0].IP, cmd); !strings.Contains(got, want) {
			t.Errorf("%s answered %q, want %q in it", cmd, got, want)
		}
	}
}

// startZooKeeper runs one server from the recipe's files; t.Cleanup kills it.
func startZooKeeper(t *testing.T, java, classpath, dir string, c Cluster, n Node) {
	t.Helper()
	files := ZooKeeperFiles(c, n)
	data := filepath.Join(dir, n.Name)
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "myid"), files[zkMyID], 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := strings.Replace(string(files[zkConfig]), "dataDir=/var/lib/zookeeper\n", "dataDir="+data+"\n", 1) +
		"clientPortAddress=" + n.IP + "\n"
	cfgPath := filepath.Join(dir, n.Name+".cfg")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	log, err := os.Create(filepath.Join(dir, n.Name+".log"))
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	cmd := exec.Command(java, "-Xmx128m", "-XX:+UseSerialGC", "-cp", classpath, "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfgPath)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Errorf("ZooKeeper of %s did not exit after SIGKILL", n.Name)
		}
	})
}

// fourLetters sends one four-letter word to ip:2181 and returns the answer.
func fourLetters(t *testing.T, ip, cmd string) string {
	t.Helper()
	conn, err := net.DialTimeout("tcp", net.JoinHostPort(ip, "2181"), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, cmd); err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(conn)
	return string(out)
}

// zkLogs returns the end of every server's log, for a failure message.
func zkLogs(dir string) string {
	var b strings.Builder
	logs, _ := filepath.Glob(filepath.Join(dir, "*.log"))
	for _, l := range logs {
		data, _ := os.ReadFile(l)
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		fmt.Fprintf(&b, "--- %s\n%s\n", filepath.Base(l), strings.Join(lines[max(0, len(lines)-15):], "\n"))
	}
	return b.String()
}
