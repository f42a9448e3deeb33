package provision

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// SSHTarget says how to reach one node.
type SSHTarget struct {
	Node       string   // the node's name in the lab, used in messages and logs
	Addr       string   // host name or IP
	Port       int      // 0 means 22
	User       string   // login user; commands with Sudo use `sudo -n` unless it is root
	KeyFiles   []string // private keys (PEM or OpenSSH format, unencrypted)
	KnownHosts string   // the lab's known_hosts file, trusted on first use
}

// address returns "host:port".
func (t SSHTarget) address() string {
	port := t.Port
	if port == 0 {
		port = 22
	}
	return net.JoinHostPort(t.Addr, strconv.Itoa(port))
}

// DialOptions tune DialSSH and the runner it returns. Zero values are
// replaced by the defaults named on each field.
type DialOptions struct {
	// MaxWait bounds the retries while the node's sshd starts (2 minutes).
	MaxWait time.Duration
	// CommandTimeout is the timeout of a Command without one (10 minutes).
	CommandTimeout time.Duration
	// KeepAlive is the interval of keepalive requests while a command runs
	// (30 seconds); a connection that misses two replies is closed.
	KeepAlive time.Duration
	// Log receives every command and its output (never stdin, nor the
	// output of Secret commands); nil logs nothing.
	Log io.Writer
	// OnRetry, if set, is called before each retry of a failed dial, so a
	// caller can say "waiting for sshd on master1".
	OnRetry func(attempt int, err error)
}

func (o DialOptions) withDefaults() DialOptions {
	if o.MaxWait <= 0 {
		o.MaxWait = 2 * time.Minute
	}
	if o.CommandTimeout <= 0 {
		o.CommandTimeout = 10 * time.Minute
	}
	if o.KeepAlive <= 0 {
		o.KeepAlive = 30 * time.Second
	}
	return o
}

// The dial backoff starts at backoffMin and doubles up to backoffMax.
const (
	backoffMin = 250 * time.Millisecond
	backoffMax = 5 * time.Second
	// authRetries bounds the retries of a refused login: a fresh VM may
	// install the key late, but a wrong key should fail fast.
	authRetries = 3
)

// DialSSH connects to t, retrying with exponential backoff while the node's
// sshd is not up yet, for at most opts.MaxWait and while ctx lasts. A
// changed host key fails at once with a *HostKeyChangedError.
func DialSSH(ctx context.Context, t SSHTarget, opts DialOptions) (*SSHRunner, error) {
	opts = opts.withDefaults()
	signers, err := loadSigners(t.KeyFiles)
	if err != nil {
		return nil, fmt.Errorf("node %s: %w", t.Node, err)
	}
	if t.KnownHosts == "" {
		return nil, fmt.Errorf("node %s: no known_hosts file given", t.Node)
	}
	r := &SSHRunner{target: t, opts: opts, signers: signers, log: &nodeLog{w: opts.Log}}
	if r.client, err = r.dial(ctx); err != nil {
		return nil, err
	}
	return r, nil
}

// dial makes one connection, with retries.
func (r *SSHRunner) dial(ctx context.Context) (*ssh.Client, error) {
	ctx, cancel := context.WithTimeout(ctx, r.opts.MaxWait)
	defer cancel()
	addr := r.target.address()
	wait, authFailures := backoffMin, 0
	for attempt := 1; ; attempt++ {
		client, err := r.dialOnce(ctx, addr)
		if err == nil {
			return client, nil
		}
		var changed *HostKeyChangedError
		if errors.As(err, &changed) {
			return nil, changed
		}
		if strings.Contains(err.Error(), "unable to authenticate") {
			authFailures++
		}
		if authFailures > authRetries {
			return nil, fmt.Errorf("ssh to node %s at %s as %s: login refused %d times: %w", r.target.Node, addr, r.target.User, authFailures, err)
		}
		if r.opts.OnRetry != nil {
			r.opts.OnRetry(attempt, err)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("ssh to node %s at %s: gave up after %d attempts: %w (last error: %v)", r.target.Node, addr, attempt, ctx.Err(), err)
		case <-time.After(wait):
		}
		wait = min(2*wait, backoffMax)
	}
}

// dialOnce makes one attempt; ssh.Dial takes no context, so the TCP dial
// and the handshake are bounded here.
func (r *SSHRunner) dialOnce(ctx context.Context, addr string) (*ssh.Client, error) {
	conf := &ssh.ClientConfig{
		User:              r.target.User,
		Auth:              []ssh.AuthMethod{ssh.PublicKeys(r.signers...)},
		HostKeyCallback:   trustOnFirstUse(r.target.Node, r.target.KnownHosts),
		HostKeyAlgorithms: knownAlgorithms(r.target.KnownHosts, addr),
		Timeout:           15 * time.Second,
	}
	d := net.Dialer{Timeout: conf.Timeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	// Abort a handshake that outlives ctx or the timeout.
	deadline := time.Now().Add(conf.Timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	_ = conn.SetDeadline(deadline)
	c, chans, reqs, err := ssh.NewClientConn(conn, addr, conf)
	if err != nil {
		conn.Close()
		if conf.HostKeyAlgorithms != nil && strings.Contains(err.Error(), "no common algorithm for host key") {
			// The node no longer has a key of the recorded type: its key
			// changed as surely as if it had offered a different one.
			return nil, &HostKeyChangedError{Node: r.target.Node, Addr: knownhosts.Normalize(addr), File: r.target.KnownHosts}
		}
		return nil, err
	}
	_ = conn.SetDeadline(time.Time{})
	return ssh.NewClient(c, chans, reqs), nil
}

func loadSigners(files []string) ([]ssh.Signer, error) {
	if len(files) == 0 {
		return nil, errors.New("no SSH key file given")
	}
	var signers []ssh.Signer
	for _, f := range files {
		pem, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read SSH key: %w", err)
		}
		s, err := ssh.ParsePrivateKey(pem)
		if err != nil {
			return nil, fmt.Errorf("parse SSH key %s: %w", f, err)
		}
		signers = append(signers, s)
	}
	return signers, nil
}
