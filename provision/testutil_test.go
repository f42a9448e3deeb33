package provision

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"encoding/hex"
	"encoding/pem"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

// pgrep returns the pids of processes whose command line matches pattern.
func pgrep(t *testing.T, pattern string) []string {
	t.Helper()
	out, err := exec.Command("pgrep", "-f", pattern).Output()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
		return nil // nothing matches
	} else if err != nil {
		t.Fatalf("pgrep -f %s: %v", pattern, err)
	}
	return strings.Fields(string(out))
}

// waitFor polls cond until it holds, failing the test after limit.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting %s for %s", limit, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func marshalKey(t *testing.T, priv crypto.PrivateKey) []byte {
	t.Helper()
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(block)
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func randomHex(t *testing.T, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

func run(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v: %s", name, strings.Join(args, " "), err, out)
	}
}

func writeFile(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

// Write appends to the shared buffer; sshd writes while the test reads.
func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func knownHostsLines(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

func pgrepParent(t *testing.T, ppid int) []string {
	t.Helper()
	out, _ := exec.Command("pgrep", "-P", strconv.Itoa(ppid)).Output()
	return strings.Fields(string(out))
}

// killAll sends SIGKILL to pids that this test's sshd started.
func killAll(t *testing.T, pids []string) {
	t.Helper()
	if len(pids) == 0 {
		return
	}
	if out, err := exec.Command("kill", append([]string{"-KILL"}, pids...)...).CombinedOutput(); err != nil {
		t.Logf("kill %v: %v: %s", pids, err, out)
	}
}
