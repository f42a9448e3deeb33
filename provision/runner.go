// Package provision brings lab nodes to a wanted state over SSH.
//
// A Runner runs one shell command on one node. A Step is a small value that
// can tell whether its part of the node is already right (Check) and make it
// right (Apply); File, Package, Service, Shell and Wait are the primitives that
// recipes build on. Run executes a Plan of phases: the nodes of a phase work
// concurrently and every phase ends at a barrier. The engine has no UI: it
// reports through Event values and returns a Report.
package provision

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Runner runs shell commands on one node. Implementations: SSHRunner, and the
// scripted fake in package provisiontest.
type Runner interface {
	// Run runs c.Cmd under `bash -c` (or `sudo -n bash -c` when c.Sudo) and
	// waits for it, for at most c.Timeout or the runner's default timeout.
	// A non-zero exit returns the Result and a *CmdError with that exit code.
	// A lost connection, a timeout or the end of ctx return a *CmdError with
	// ExitCode -1 that wraps the cause (ErrConnectionLost, context.Canceled,
	// context.DeadlineExceeded); the remote command is signalled first.
	Run(ctx context.Context, c Command) (Result, error)
}

// Command is one shell command for a Runner.
type Command struct {
	// Cmd is a bash script; values put into it must go through Quote.
	Cmd string
	// Stdin is fed to the command; it is never written to the node's log.
	Stdin []byte
	// Sudo runs the command as root through `sudo -n`.
	Sudo bool
	// Timeout bounds the command; zero means the runner's default.
	Timeout time.Duration
	// Secret keeps the command's output out of the node's log, for commands
	// that print or handle secrets.
	Secret bool
}

// Result is what a finished command printed and how it exited.
type Result struct {
	Stdout, Stderr []byte
	ExitCode       int
}

// ErrConnectionLost is wrapped by the error of a command whose SSH connection
// was refused, reset or closed before the command finished.
var ErrConnectionLost = errors.New("ssh connection lost")

// tailLines is how many lines of each stream an error message keeps.
const tailLines = 10

// CmdError is the error of a command that exited non-zero or never finished.
// It keeps everything needed to explain the failure without the node's log.
type CmdError struct {
	Host     string
	Cmd      string
	ExitCode int // -1 when the command did not exit (Err says why)
	Stdout   []byte
	Stderr   []byte
	Err      error // transport error, timeout or cancellation; nil for an exit
}

// Error names the host, the command, the exit code or cause, and the last
// lines of the command's output.
func (e *CmdError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: command %s ", e.Host, ShortCmd(e.Cmd))
	if e.Err != nil {
		fmt.Fprintf(&b, "failed: %v", e.Err)
	} else {
		fmt.Fprintf(&b, "exited with status %d", e.ExitCode)
	}
	for _, s := range []struct {
		name string
		out  []byte
	}{{"stderr", e.Stderr}, {"stdout", e.Stdout}} {
		if tail := LastLines(s.out, tailLines); tail != "" {
			fmt.Fprintf(&b, "\n  %s:\n    %s", s.name, strings.ReplaceAll(tail, "\n", "\n    "))
		}
	}
	return b.String()
}

// Unwrap returns the transport error, timeout or cancellation, if any.
func (e *CmdError) Unwrap() error { return e.Err }

// ShortCmd renders a command for one line of a message: its first line, cut
// to 120 characters, in backquotes.
func ShortCmd(cmd string) string {
	cmd = strings.TrimSpace(cmd)
	more := false
	if i := strings.IndexByte(cmd, '\n'); i >= 0 {
		cmd, more = cmd[:i], true
	}
	if r := []rune(cmd); len(r) > 120 {
		cmd, more = string(r[:120]), true
	}
	if more {
		cmd += " …"
	}
	return "`" + cmd + "`"
}

// LastLines returns the last n non-empty-trailing lines of out as one string.
func LastLines(out []byte, n int) string {
	out = bytes.TrimRight(out, "\n\r\t ")
	if len(out) == 0 || n <= 0 {
		return ""
	}
	lines := strings.Split(string(out), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
