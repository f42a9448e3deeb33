package provision

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSSHRunOutputExitCodesAndSudo(t *testing.T) {
	s := newTestSSHD(t)
	s.start()
	r := s.dial(DialOptions{})
	cases := []struct {
		name       string
		cmd        Command
		wantOut    string
		wantErrOut string
		wantExit   int
	}{
		{"stdout", Command{Cmd: "echo hello"}, "hello\n", "", 0},
		{"stderr and exit code", Command{Cmd: "echo oops >&2; exit 3"}, "", "oops\n", 3},
		{"runs under bash", Command{Cmd: `echo "${BASH_VERSION:+bash}"`}, "bash\n", "", 0},
		{"user without sudo", Command{Cmd: "id -un"}, s.user + "\n", "", 0},
		{"root with sudo", Command{Cmd: "id -un", Sudo: true}, "root\n", "", 0},
		{"sudo exit code", Command{Cmd: "exit 42", Sudo: true}, "", "", 42},
		{"quotes survive", Command{Cmd: `printf '%s|' "a b" 'it'"'"'s'`}, "a b|it's|", "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			res, err := r.Run(ctx, tc.cmd)
			if string(res.Stdout) != tc.wantOut || string(res.Stderr) != tc.wantErrOut || res.ExitCode != tc.wantExit {
				t.Fatalf("got stdout %q stderr %q exit %d, want %q %q %d", res.Stdout, res.Stderr, res.ExitCode, tc.wantOut, tc.wantErrOut, tc.wantExit)
			}
			if tc.wantExit == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var ce *CmdError
			if !errors.As(err, &ce) || ce.ExitCode != tc.wantExit || ce.Host != "node1" || ce.Cmd != tc.cmd.Cmd || ce.Err != nil {
				t.Fatalf("want *CmdError for node1 with exit %d, got %#v", tc.wantExit, err)
			}
		})
	}
}

func TestSSHStdinUpload(t *testing.T) {
	s := newTestSSHD(t)
	s.start()
	r := s.dial(DialOptions{})
	data := make([]byte, 3<<20)
	if _, err := rand.Read(data); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := r.Run(ctx, Command{Cmd: "sha256sum | cut -d' ' -f1", Stdin: data, Sudo: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(res.Stdout)); got != hex.EncodeToString(sum[:]) {
		t.Fatalf("remote sha256 %s, want %x", got, sum)
	}
}

func TestSSHFileIsWrittenAtomicallyAndOnlyOnce(t *testing.T) {
	s := newTestSSHD(t)
	s.start()
	var log bytes.Buffer
	r := s.dial(DialOptions{Log: &log})
	dir := filepath.Join(s.dir, "etc", "zookeeper", "conf") // created by the step
	target := filepath.Join(dir, "zoo.cfg")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	for i, content := range []string{"tickTime=2000\n", "tickTime=2000\n", "tickTime=3000\n"} {
		want := []Outcome{Changed, Unchanged, Changed}[i]
		step := File(FileSpec{Path: target, Content: []byte(content), Mode: 0o640, Owner: s.user + ":" + s.user, Secret: true})
		got, err := Converge(ctx, r, step, false)
		if err != nil || got != want {
			t.Fatalf("run %d: got %s, %v; want %s", i+1, got, err, want)
		}
		data, err := os.ReadFile(target)
		if err != nil || string(data) != content {
			t.Fatalf("run %d: file holds %q, %v; want %q", i+1, data, err, content)
		}
		fi, err := os.Stat(target)
		if err != nil || fi.Mode().Perm() != 0o640 {
			t.Fatalf("run %d: mode %v, %v; want 0640", i+1, fi.Mode(), err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Fatalf("want only zoo.cfg left in %s, got %v, %v", dir, entries, err)
	}
	if strings.Contains(log.String(), "tickTime") {
		t.Fatalf("the node log shows secret file content:\n%s", log.String())
	}
	if !strings.Contains(log.String(), "mv -fT") || !strings.Contains(log.String(), "stdin: 14 bytes (not logged)") {
		t.Fatalf("the node log misses the upload:\n%s", log.String())
	}
}

func TestSSHCommandTimeout(t *testing.T) {
	s := newTestSSHD(t)
	s.start()
	r := s.dial(DialOptions{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := r.Run(ctx, Command{Cmd: "sleep 3030", Timeout: time.Second})
	var ce *CmdError
	if !errors.As(err, &ce) || ce.ExitCode != -1 || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "timed out after 1s") {
		t.Fatalf("want a timeout *CmdError, got %v", err)
	}
	waitFor(t, 10*time.Second, "the timed out command to end on the node", func() bool { return len(pgrep(t, "sleep 3030")) == 0 })
}

func TestSSHCancelKillsRemoteCommand(t *testing.T) {
	s := newTestSSHD(t)
	s.start()
	r := s.dial(DialOptions{})
	cases := []struct {
		name   string
		sudo   bool
		marker string
		// startedWhen is the pgrep pattern that must match before the
		// cancel: the sleep itself, or anything of the command (an early
		// cancel, while sudo may still be starting).
		startedWhen string
	}{
		{"user", false, "sleep 3131", "^sleep 3131$"},
		{"sudo", true, "sleep 3132", "^sleep 3132$"},
		{"sudo early", true, "sleep 3133", "sleep 3133"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			errc := make(chan error, 1)
			// Two commands, so bash stays the parent of sleep: the signal
			// must reach the whole process group, not only bash.
			go func() { _, err := r.Run(ctx, Command{Cmd: tc.marker + "; echo done", Sudo: tc.sudo}); errc <- err }()
			waitFor(t, 10*time.Second, tc.marker+" to start on the node", func() bool { return len(pgrep(t, tc.startedWhen)) > 0 })
			cancel()
			select {
			case err := <-errc:
				if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "node1") {
					t.Fatalf("want a cancelled *CmdError naming node1, got %v", err)
				}
			case <-time.After(15 * time.Second):
				t.Fatal("Run did not return after cancel")
			}
			waitFor(t, 10*time.Second, tc.marker+" to be killed on the node", func() bool { return len(pgrep(t, tc.marker)) == 0 })
		})
	}
}

func TestSSHKeepAliveDuringLongCommand(t *testing.T) {
	s := newTestSSHD(t)
	s.start()
	r := s.dial(DialOptions{KeepAlive: 100 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := r.Run(ctx, Command{Cmd: "sleep 2"}); err != nil {
		t.Fatal(err)
	}
	if r.keepalives.Load() == 0 {
		t.Fatal("no keepalive was answered during a 2s command with a 100ms interval")
	}
}

func TestSSHRefusedSessionKeepsTheConnection(t *testing.T) {
	s := newTestSSHD(t)
	s.maxSessions = 2
	s.start()
	r := s.dial(DialOptions{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	errc := make(chan error, 2)
	for range 2 {
		go func() { _, err := r.Run(ctx, Command{Cmd: "sleep 3535; true", Timeout: 20 * time.Second}); errc <- err }()
	}
	waitFor(t, 10*time.Second, "two sessions to run", func() bool { return len(pgrep(t, "^sleep 3535$")) == 2 })
	_, err := r.Run(ctx, Command{Cmd: "true"})
	if err == nil || errors.Is(err, ErrConnectionLost) {
		t.Fatalf("a third session should be refused without losing the connection, got %v", err)
	}
	killAll(t, pgrep(t, "^sleep 3535$")) // end the two sessions early
	for range 2 {
		if err := <-errc; err != nil {
			t.Fatalf("a running command suffered from the refused session: %v", err)
		}
	}
}
