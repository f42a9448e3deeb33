package vagrant

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// Error is a vagrant command that failed. Up, Status, SSHConfig, Halt,
// Destroy and Version return it for every failure of the child process.
type Error struct {
	// Node is the machine the command ran for; empty for status and version.
	Node string
	// Command is the vagrant subcommand: "up", "status", "ssh-config", ...
	Command string
	// ExitCode is vagrant's exit status, or -1 when it did not exit by
	// itself (killed, or never started).
	ExitCode int
	// Kind is the Ruby error class from Vagrant's error-exit line, such as
	// Vagrant::Errors::VagrantInterrupt or
	// VagrantPlugins::DockerProvider::Errors::ExecuteError; empty when
	// vagrant printed none.
	Kind string
	// Message is Vagrant's error message, or the last line it printed when
	// it gave none.
	Message string
	// Tail holds the last raw lines vagrant printed, stdout and stderr.
	Tail []string
	// Err is the underlying error: an *exec.ExitError, the error that kept
	// vagrant from starting, or the context's error joined with either when
	// the command was cancelled.
	Err error
}

// Error reports the command, the node and the first line of the message.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("vagrant " + e.Command)
	if e.Node != "" {
		b.WriteString(" " + e.Node)
	}
	switch {
	case errors.Is(e.Err, context.Canceled) || errors.Is(e.Err, context.DeadlineExceeded):
		b.WriteString(": interrupted")
	case e.Message == "" && e.Err != nil:
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	if e.Message != "" {
		first, _, _ := strings.Cut(e.Message, "\n")
		b.WriteString(": " + strings.TrimSpace(first))
	}
	var detail []string
	if e.Kind != "" {
		detail = append(detail, e.Kind[strings.LastIndex(e.Kind, ":")+1:])
	}
	if e.ExitCode >= 0 {
		detail = append(detail, fmt.Sprintf("exit code %d", e.ExitCode))
	}
	if len(detail) > 0 {
		b.WriteString(" (" + strings.Join(detail, ", ") + ")")
	}
	return b.String()
}

// Unwrap returns Err, so errors.Is(err, context.Canceled) and
// errors.As(err, new(*exec.ExitError)) see through an *Error.
func (e *Error) Unwrap() error { return e.Err }

// exitCode is the exit status inside err, or -1.
func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.Exited() {
		return ee.ExitCode()
	}
	return -1
}
