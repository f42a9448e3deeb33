package provision

import (
	"context"
	"fmt"
	"time"
)

// ShellSpec is a step written as two shell commands.
type ShellSpec struct {
	// Name names the step ("zookeeper myid").
	Name string
	// Check exits 0 when the node is already right; any other exit code
	// means "apply". It must not change the node. It is required.
	Check string
	// Apply makes the node right.
	Apply string
	// Timeout bounds each command; 0 means the runner's default.
	Timeout time.Duration
	// Secret keeps both commands' output out of the node's log.
	Secret bool
}

// Shell returns a step for what the other primitives do not cover. Both
// commands run as root. A Check that exits non-zero is an answer, not an
// error; only a transport failure, timeout or cancellation is.
func Shell(spec ShellSpec) Step { return &shellStep{spec: spec} }

type shellStep struct{ spec ShellSpec }

func (s *shellStep) Name() string { return s.spec.Name }

func (s *shellStep) Check(ctx context.Context, r Runner) (bool, error) {
	if s.spec.Check == "" {
		return false, fmt.Errorf("shell step %q has no check command", s.spec.Name)
	}
	_, err := r.Run(ctx, Command{Cmd: s.spec.Check, Sudo: true, Timeout: s.spec.Timeout, Secret: s.spec.Secret})
	return answer(err)
}

func (s *shellStep) Apply(ctx context.Context, r Runner) error {
	_, err := r.Run(ctx, Command{Cmd: s.spec.Apply, Sudo: true, Timeout: s.spec.Timeout, Secret: s.spec.Secret})
	return err
}
