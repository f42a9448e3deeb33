package provision

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSSHTrustOnFirstUseThenAccept(t *testing.T) {
	s := newTestSSHD(t)
	s.start()
	for i := range 2 {
		r := s.dial(DialOptions{})
		if _, err := r.Run(context.Background(), Command{Cmd: "true"}); err != nil {
			t.Fatalf("dial %d: %v", i+1, err)
		}
		r.Close()
		lines := knownHostsLines(t, s.knownHosts)
		if len(lines) != 1 || !strings.HasPrefix(lines[0], "[127.0.0.1]:") || !strings.Contains(lines[0], " ssh-ed25519 ") {
			t.Fatalf("dial %d: want one ed25519 line for [127.0.0.1]:PORT, got %q", i+1, lines)
		}
	}
}

func TestSSHConcurrentFirstDialsRecordEachHostOnce(t *testing.T) {
	a, b := newTestSSHD(t), newTestSSHD(t)
	b.knownHosts = a.knownHosts // one lab, two nodes
	a.start()
	b.start()
	var wg sync.WaitGroup
	for _, s := range []*testSSHD{a, b, a, b, a, b} {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			r, err := DialSSH(ctx, s.target("node"), DialOptions{MaxWait: 20 * time.Second})
			if err != nil {
				t.Error(err)
				return
			}
			r.Close()
		})
	}
	wg.Wait()
	if lines := knownHostsLines(t, a.knownHosts); len(lines) != 2 {
		t.Fatalf("want one line per node, got %q", lines)
	}
}

func TestSSHChangedHostKeyIsRefusedUntilForgotten(t *testing.T) {
	s := newTestSSHD(t)
	s.start()
	s.dial(DialOptions{}).Close()

	// The node is re-created behind mesoslab's back: same address, new key.
	s.stop()
	s.newHostKey()
	s.start()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := DialSSH(ctx, s.target("master1"), DialOptions{MaxWait: 20 * time.Second})
	var changed *HostKeyChangedError
	if !errors.As(err, &changed) {
		t.Fatalf("want *HostKeyChangedError, got %v", err)
	}
	addr := "[127.0.0.1]:" + strings.TrimPrefix(s.addr(), "127.0.0.1:")
	for _, want := range []string{"master1", "mesoslab ssh-reset master1", "remove the line for " + addr, s.knownHosts} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}

	if err := ForgetHost(s.knownHosts, s.addr()); err != nil {
		t.Fatal(err)
	}
	if lines := knownHostsLines(t, s.knownHosts); len(lines) != 0 {
		t.Fatalf("ForgetHost left %q", lines)
	}
	s.dial(DialOptions{}).Close()
	if lines := knownHostsLines(t, s.knownHosts); len(lines) != 1 {
		t.Fatalf("want the new key recorded, got %q", lines)
	}
}

func TestSSHHostKeyOfAnotherTypeCountsAsChanged(t *testing.T) {
	s := newTestSSHD(t)
	s.start()
	s.dial(DialOptions{}).Close()
	s.stop()
	s.newRSAHostKey() // the re-created node has no ed25519 key at all
	s.start()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := DialSSH(ctx, s.target("master2"), DialOptions{MaxWait: 20 * time.Second})
	var changed *HostKeyChangedError
	if !errors.As(err, &changed) || changed.Node != "master2" {
		t.Fatalf("want *HostKeyChangedError for master2, got %v", err)
	}
}

func TestSSHWrongKeyFailsFast(t *testing.T) {
	s := newTestSSHD(t)
	s.start()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s.keyFile = filepath.Join(s.dir, "other_key")
	writeFile(t, s.keyFile, string(marshalKey(t, priv)), 0o600)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// MaxWait is far longer than the few auth retries take.
	_, err = DialSSH(ctx, s.target("agent3"), DialOptions{MaxWait: time.Minute})
	if err == nil || !strings.Contains(err.Error(), "login refused") || !strings.Contains(err.Error(), "agent3") || errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want a login refused error naming agent3, got %v", err)
	}
}

func TestSSHDialRetriesUntilSSHDListens(t *testing.T) {
	s := newTestSSHD(t) // not started: the node is still booting
	var once sync.Once
	retries := 0
	opts := DialOptions{MaxWait: 30 * time.Second, OnRetry: func(attempt int, err error) {
		retries++
		if !strings.Contains(err.Error(), "connection refused") {
			t.Errorf("attempt %d: want connection refused, got %v", attempt, err)
		}
		once.Do(s.start) // sshd comes up after the first refusal
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	r, err := DialSSH(ctx, s.target("agent1"), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if retries == 0 {
		t.Fatal("DialSSH did not retry, but sshd was down at the first attempt")
	}
	if _, err := r.Run(ctx, Command{Cmd: "true"}); err != nil {
		t.Fatal(err)
	}
}

func TestSSHDialGivesUpAfterMaxWait(t *testing.T) {
	s := newTestSSHD(t) // never started
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := DialSSH(ctx, s.target("agent2"), DialOptions{MaxWait: 1500 * time.Millisecond})
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "agent2") || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("want a give-up error naming agent2 and the last cause, got %v", err)
	}
}

func TestSSHDroppedConnectionMidCommand(t *testing.T) {
	s := newTestSSHD(t)
	s.start()
	r := s.dial(DialOptions{})
	errc := make(chan error, 1)
	go func() { _, err := r.Run(context.Background(), Command{Cmd: "sleep 3434; echo done"}); errc <- err }()
	waitFor(t, 10*time.Second, "the command to start", func() bool { return len(pgrep(t, "^sleep 3434$")) > 0 })
	t.Cleanup(func() { killAll(t, pgrep(t, "sleep 3434")) })

	// The listener's children are the per-connection sshd monitors, and
	// theirs the unprivileged sshd that holds the socket; killing both drops
	// the connection as a crashed node would.
	conns := pgrepParent(t, s.pid())
	if len(conns) == 0 {
		t.Fatal("found no connection process under the test sshd")
	}
	for _, c := range conns {
		pid, _ := strconv.Atoi(c)
		conns = append(conns, pgrepParent(t, pid)...)
	}
	killAll(t, conns)
	select {
	case err := <-errc:
		var ce *CmdError
		if !errors.As(err, &ce) || !errors.Is(err, ErrConnectionLost) || ce.ExitCode != -1 {
			t.Fatalf("want a connection-lost *CmdError, got %v", err)
		}
		for _, want := range []string{"node1", "sleep 3434", "connection lost"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return after the connection dropped")
	}
	// The next command dials again.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if res, err := r.Run(ctx, Command{Cmd: "echo back"}); err != nil || string(res.Stdout) != "back\n" {
		t.Fatalf("after a redial: %q, %v", res.Stdout, err)
	}
}
