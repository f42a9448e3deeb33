package provision

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"golang.org/x/crypto/ssh"
)

const sshdPath = "/usr/sbin/sshd"

// testSSHD is a real sshd on 127.0.0.1 for one test, with a throwaway user
// that may sudo without a password, as a lab node's vagrant user may.
type testSSHD struct {
	t          *testing.T
	dir        string
	port       int
	user       string
	home       string
	keyFile    string // the user's private key
	knownHosts string // the test's lab known_hosts file
	// maxSessions is sshd's MaxSessions, read at each start.
	maxSessions int

	mu     sync.Mutex
	cmd    *exec.Cmd
	waited chan struct{}
	logs   bytes.Buffer
}

// newTestSSHD creates the user and the keys; start starts sshd. The user and
// any sshd are removed in Cleanup.
func newTestSSHD(t *testing.T) *testSSHD {
	t.Helper()
	testenv.NeedRoot(t)
	testenv.NeedCommand(t, sshdPath)
	testenv.NeedCommand(t, "sudo")
	testenv.NeedCommand(t, "useradd")

	sweepStaleTestUsers(t)
	dir := t.TempDir()
	s := &testSSHD{t: t, dir: dir, port: freePort(t), user: testUserPrefix + randomHex(t, 4), maxSessions: 30}
	s.knownHosts = filepath.Join(dir, "lab", "known_hosts")
	s.home = filepath.Join("/home", s.user)
	run(t, "useradd", "--create-home", "--shell", "/bin/bash", "--password", "*", s.user)
	sudoers := filepath.Join("/etc/sudoers.d", s.user)
	t.Cleanup(func() {
		s.stop()
		os.Remove(sudoers)
		// -f: a process the test failed to end must not keep the user.
		if out, err := exec.Command("userdel", "--force", "--remove", s.user).CombinedOutput(); err != nil {
			t.Logf("userdel %s: %v: %s", s.user, err, out)
		}
		if t.Failed() {
			t.Logf("sshd log:\n%s", s.log())
		}
	})
	writeFile(t, sudoers, s.user+" ALL=(ALL) NOPASSWD:ALL\n", 0o440)

	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s.keyFile = filepath.Join(dir, "id_ed25519")
	writeFile(t, s.keyFile, string(marshalKey(t, priv)), 0o600)
	sshPub, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	sshDir := filepath.Join(s.home, ".ssh")
	if err := os.MkdirAll(sshDir, 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(sshDir, "authorized_keys"), string(ssh.MarshalAuthorizedKey(sshPub)), 0o600)
	run(t, "chown", "-R", s.user+":"+s.user, sshDir)
	s.newHostKey()
	if err := os.MkdirAll("/run/sshd", 0o755); err != nil { // sshd's privilege separation directory
		t.Fatal(err)
	}
	return s
}

// testUserPrefix starts the name of every user these tests create.
const testUserPrefix = "mltest"

// sweepStaleTestUsers removes test users left behind by a test binary that
// was killed before its Cleanup ran. Only users older than an hour are
// touched, so a concurrent test run keeps its own.
func sweepStaleTestUsers(t *testing.T) {
	t.Helper()
	stale, _ := filepath.Glob(filepath.Join("/etc/sudoers.d", testUserPrefix+"*"))
	for _, f := range stale {
		if fi, err := os.Stat(f); err != nil || time.Since(fi.ModTime()) < time.Hour {
			continue
		}
		user := filepath.Base(f)
		if out, err := exec.Command("userdel", "--force", "--remove", user).CombinedOutput(); err != nil {
			t.Logf("remove stale test user %s: %v: %s", user, err, out)
		}
		os.Remove(f)
	}
}

// newHostKey gives the next sshd start a new ed25519 host key, as a
// re-created VM has.
func (s *testSSHD) newHostKey() {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		s.t.Fatal(err)
	}
	writeFile(s.t, filepath.Join(s.dir, "host_key"), string(marshalKey(s.t, priv)), 0o600)
}

// newRSAHostKey gives the next sshd start an RSA host key instead.
func (s *testSSHD) newRSAHostKey() {
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		s.t.Fatal(err)
	}
	writeFile(s.t, filepath.Join(s.dir, "host_key"), string(marshalKey(s.t, priv)), 0o600)
}

// start runs sshd in the foreground and waits until it accepts connections.
func (s *testSSHD) start() {
	s.t.Helper()
	writeFile(s.t, filepath.Join(s.dir, "sshd_config"), strings.Join([]string{
		"ListenAddress 127.0.0.1",
		"HostKey " + filepath.Join(s.dir, "host_key"),
		"PidFile none",
		"UsePAM no",
		"StrictModes no",
		"PasswordAuthentication no",
		"KbdInteractiveAuthentication no",
		"PubkeyAuthentication yes",
		"AuthorizedKeysFile .ssh/authorized_keys",
		"LogLevel DEBUG1",
		"MaxSessions " + strconv.Itoa(s.maxSessions),
		"",
	}, "\n"), 0o600)
	s.mu.Lock()
	cmd := exec.Command(sshdPath, "-D", "-e", "-f", filepath.Join(s.dir, "sshd_config"), "-p", strconv.Itoa(s.port))
	cmd.Stdout, cmd.Stderr = &lockedWriter{mu: &s.mu, w: &s.logs}, &lockedWriter{mu: &s.mu, w: &s.logs}
	if err := cmd.Start(); err != nil {
		s.mu.Unlock()
		s.t.Fatalf("start sshd: %v", err)
	}
	waited := make(chan struct{})
	go func() { cmd.Wait(); close(waited) }()
	s.cmd, s.waited = cmd, waited
	s.mu.Unlock()
	waitFor(s.t, 10*time.Second, "sshd to listen", func() bool {
		c, err := net.DialTimeout("tcp", s.addr(), time.Second)
		if err == nil {
			c.Close()
		}
		return err == nil
	})
}

// stop ends the sshd that start began (only the listener: sessions live on
// in their own processes, as with a real sshd restart).
func (s *testSSHD) stop() {
	s.mu.Lock()
	cmd, waited := s.cmd, s.waited
	s.cmd = nil
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Kill()
	select {
	case <-waited:
	case <-time.After(10 * time.Second):
		s.t.Errorf("sshd (pid %d) did not exit", cmd.Process.Pid)
	}
}

// pid returns the listener's process id.
func (s *testSSHD) pid() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cmd.Process.Pid
}

func (s *testSSHD) log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

func (s *testSSHD) addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)) }

func (s *testSSHD) target(node string) SSHTarget {
	return SSHTarget{Node: node, Addr: "127.0.0.1", Port: s.port, User: s.user, KeyFiles: []string{s.keyFile}, KnownHosts: s.knownHosts}
}

// dial connects to the test sshd, which is already up.
func (s *testSSHD) dial(opts DialOptions) *SSHRunner {
	s.t.Helper()
	if opts.MaxWait == 0 {
		opts.MaxWait = 20 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r, err := DialSSH(ctx, s.target("node1"), opts)
	if err != nil {
		s.t.Fatalf("DialSSH: %v", err)
	}
	s.t.Cleanup(func() { r.Close() })
	return r
}
