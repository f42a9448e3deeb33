//go:build unix

package doctor

import (
	"os/exec"
	"syscall"
)

// setProcessGroup puts the command in a new process group and makes
// cancellation kill the whole group, so a timed-out `vagrant` does not leave
// its Ruby child running.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
