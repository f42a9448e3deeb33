package provision

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"golang.org/x/crypto/ssh"
)

// stop signals a command whose context ended, closes its session and
// explains why it stopped.
func (r *SSHRunner) stop(ctx, tctx context.Context, sess *ssh.Session, done <-chan error, timeout time.Duration, stdout, stderr *bytes.Buffer) (Result, error) {
	// The signal is repeated: sudo drops one that arrives while it is still
	// starting the command.
	grace := time.After(signalGrace)
	resend := time.NewTicker(250 * time.Millisecond)
	defer resend.Stop()
signal:
	for {
		_ = sess.Signal(ssh.SIGTERM)
		select {
		case <-done:
			break signal
		case <-resend.C:
		case <-grace:
			sess.Close()
			select {
			case <-done:
			case <-time.After(signalGrace):
				// The session's output goroutines may still write:
				// report no output rather than race with them.
				stdout, stderr = &bytes.Buffer{}, &bytes.Buffer{}
			}
			break signal
		}
	}
	res := Result{Stdout: stdout.Bytes(), Stderr: stderr.Bytes()}
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("stopped: %w", err)
	}
	return res, fmt.Errorf("timed out after %s: %w", timeout, tctx.Err())
}

// keepalive sends one request; a connection that does not answer within two
// intervals is closed, which ends the running command with a clear error
// instead of a hang.
func (r *SSHRunner) keepalive(c *ssh.Client) {
	answered := make(chan error, 1)
	go func() {
		_, _, err := c.SendRequest("keepalive@openssh.com", true, nil)
		answered <- err
	}()
	select {
	case err := <-answered:
		if err == nil {
			r.keepalives.Add(1)
			return
		}
	case <-time.After(2 * r.opts.KeepAlive):
	}
	r.lost(c)
}
