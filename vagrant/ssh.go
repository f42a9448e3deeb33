package vagrant

import (
	"context"
	"os"
	"os/exec"
	"strings"
)

// SSHCommand returns `vagrant ssh NODE [-c COMMAND]` for the Vagrantfile in
// dir, ready for the caller to attach a terminal to: an interactive shell is
// the one thing mesoslab hands over to Vagrant entirely.
func SSHCommand(ctx context.Context, dir, node string, command []string) *exec.Cmd {
	args := []string{"ssh", node}
	if len(command) > 0 {
		args = append(args, "-c", strings.Join(command, " "))
	}
	cmd := exec.CommandContext(ctx, "vagrant", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "VAGRANT_CHECKPOINT_DISABLE=1")
	// The terminal's own Ctrl-C belongs to the remote shell, not to mesoslab.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	return cmd
}
