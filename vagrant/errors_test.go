package vagrant

import (
	"context"
	"errors"
	"io/fs"
	"os/exec"
	"testing"
)

func TestErrorMessage(t *testing.T) {
	exitErr := exec.Command("sh", "-c", "exit 1").Run()
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"error-exit", &Error{Node: "agent2", Command: "up", ExitCode: 1, Kind: "Vagrant::Errors::ForwardPortCollision",
			Message: "Vagrant cannot forward the specified ports on this VM, since they\nwould collide", Err: exitErr},
			"vagrant up agent2: Vagrant cannot forward the specified ports on this VM, since they (ForwardPortCollision, exit code 1)"},
		{"cancelled", &Error{Node: "master1", Command: "up", ExitCode: 1, Kind: "Vagrant::Errors::VagrantInterrupt",
			Message: "Vagrant exited after cleanup due to external interrupt.", Err: errors.Join(context.Canceled, exitErr)},
			"vagrant up master1: interrupted: Vagrant exited after cleanup due to external interrupt. (VagrantInterrupt, exit code 1)"},
		{"not started", &Error{Node: "master1", Command: "halt", ExitCode: -1, Err: fs.ErrNotExist},
			"vagrant halt master1: file does not exist"},
		{"no node", &Error{Command: "status", ExitCode: 1, Message: "boom", Err: exitErr},
			"vagrant status: boom (exit code 1)"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

func TestErrorUnwrap(t *testing.T) {
	exitErr := exec.Command("sh", "-c", "exit 3").Run()
	var err error = &Error{Command: "up", Err: errors.Join(context.Canceled, exitErr)}
	var ee *exec.ExitError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &ee) || ee.ExitCode() != 3 {
		t.Errorf("errors.Is/As do not see through %v", err)
	}
	if exitCode(err) != 3 || exitCode(context.Canceled) != -1 {
		t.Errorf("exitCode = %d, %d; want 3, -1", exitCode(err), exitCode(context.Canceled))
	}
}
