package provision

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/ssh"
)

// SSHRunner is a Runner over one SSH connection to one node. Each command
// gets its own session, so commands may run concurrently. After the
// connection is lost, the next command dials again.
type SSHRunner struct {
	target  SSHTarget
	opts    DialOptions
	signers []ssh.Signer
	log     *nodeLog

	mu     sync.Mutex
	client *ssh.Client // nil after a loss, until the next command redials

	keepalives atomic.Int64 // answered keepalive requests, for tests
}

var _ Runner = (*SSHRunner)(nil)

// signalGrace is how long a signalled command may take to exit before its
// session is closed.
const signalGrace = 2 * time.Second

// Node returns the node's name.
func (r *SSHRunner) Node() string { return r.target.Node }

// Close closes the connection. Commands still running are cut off.
func (r *SSHRunner) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.client == nil {
		return nil
	}
	err := r.client.Close()
	r.client = nil
	return err
}

// sudoWrapper runs the command given as $1 as a child and, on SIGTERM,
// signals its whole process group. It is needed because sshd signals a
// session as the login user, which may signal sudo but not the root
// processes below it, and sudo relays the signal to its child only. The
// child runs in the background so that `wait` returns at once on the
// signal; `<&0` keeps the session's stdin, which a background job would
// otherwise lose.
const sudoWrapper = `trap 'trap - TERM; kill -TERM 0' TERM; bash -c "$1" mesoslab <&0 & wait $!`

// Run implements Runner over SSH: it runs `bash -c CMD`, or for a Sudo
// command of a user other than root `sudo -n bash -c WRAPPER mesoslab CMD`
// (see sudoWrapper). When ctx ends or the timeout passes, the remote command
// gets SIGTERM (sshd sends it to the command's process group), then the
// session is closed.
func (r *SSHRunner) Run(ctx context.Context, c Command) (Result, error) {
	start := time.Now()
	remote := "bash -c " + Quote(c.Cmd)
	asRoot := r.target.User == "root"
	if c.Sudo && !asRoot {
		remote = "sudo -n bash -c " + Quote(sudoWrapper) + " mesoslab " + Quote(c.Cmd)
		asRoot = true
	}
	res, err := r.run(ctx, remote, c)
	if err != nil {
		res.ExitCode = -1
		var ee *ssh.ExitError
		if errors.As(err, &ee) {
			res.ExitCode = ee.ExitStatus()
			err = nil // the exit code tells it all
		}
		err = &CmdError{Host: r.target.Node, Cmd: c.Cmd, ExitCode: res.ExitCode, Stdout: res.Stdout, Stderr: res.Stderr, Err: err}
	}
	r.log.record(start, time.Since(start), asRoot, c, res, err)
	return res, err
}

func (r *SSHRunner) run(ctx context.Context, remote string, c Command) (Result, error) {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = r.opts.CommandTimeout
	}
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	client, err := r.conn(tctx)
	if err != nil {
		return Result{}, fmt.Errorf("%w: %w", ErrConnectionLost, err)
	}
	sess, err := client.NewSession()
	if err != nil {
		return Result{}, r.sessionError(client, "open session", err)
	}
	defer sess.Close()
	var stdout, stderr bytes.Buffer
	sess.Stdout, sess.Stderr = &stdout, &stderr
	sess.Stdin = bytes.NewReader(c.Stdin)
	if err := sess.Start(remote); err != nil {
		return Result{}, r.sessionError(client, "start command", err)
	}
	done := make(chan error, 1)
	go func() { done <- sess.Wait() }()

	ticker := time.NewTicker(r.opts.KeepAlive)
	defer ticker.Stop()
	for {
		select {
		case err := <-done:
			res := Result{Stdout: stdout.Bytes(), Stderr: stderr.Bytes()}
			var ee *ssh.ExitError
			if err != nil && !errors.As(err, &ee) {
				// No exit status: usually the connection broke under the
				// command, but sshd may also have ended the session alone.
				err = r.sessionError(client, "wait for the command", err)
			}
			return res, err
		case <-tctx.Done():
			return r.stop(ctx, tctx, sess, done, timeout, &stdout, &stderr)
		case <-ticker.C:
			go r.keepalive(client)
		}
	}
}

// conn returns the live client, dialing again after a loss.
func (r *SSHRunner) conn(ctx context.Context) (*ssh.Client, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.client != nil {
		return r.client, nil
	}
	c, err := r.dial(ctx)
	if err != nil {
		return nil, err
	}
	r.client = c
	return c, nil
}

// sessionError explains a session that failed without an exit status. When
// the connection no longer answers, it is forgotten (the next command dials
// again) and the error wraps ErrConnectionLost; otherwise only this session
// failed, such as one refused for sshd's MaxSessions, and the connection
// stays for the other commands.
func (r *SSHRunner) sessionError(c *ssh.Client, what string, err error) error {
	if r.answers(c) {
		return fmt.Errorf("%s: %w", what, err)
	}
	r.lost(c)
	return fmt.Errorf("%w: connection to %s closed before the command finished (%s: %w)", ErrConnectionLost, r.target.address(), what, err)
}

// answers reports whether the connection replies to a keepalive in time.
func (r *SSHRunner) answers(c *ssh.Client) bool {
	replied := make(chan error, 1)
	go func() {
		_, _, err := c.SendRequest("keepalive@openssh.com", true, nil)
		replied <- err
	}()
	select {
	case err := <-replied:
		return err == nil
	case <-time.After(min(r.opts.KeepAlive, 5*time.Second)):
		return false
	}
}

// lost forgets a broken client, unless another command already replaced it.
func (r *SSHRunner) lost(c *ssh.Client) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.client == c {
		r.client = nil
	}
	c.Close()
}
