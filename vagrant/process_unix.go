//go:build unix

package vagrant

import (
	"os"
	"os/exec"
	"syscall"
)

// ownProcessGroup puts the child in a new process group, so the terminal's
// SIGINT on Ctrl-C goes to mesoslab's group and not to vagrant directly.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// interrupt sends vagrant the one SIGINT it needs to clean up and exit.
func interrupt(p *os.Process) { _ = p.Signal(os.Interrupt) }

// killGroup kills vagrant and whatever it started (docker, VBoxManage, ssh):
// the group id is vagrant's pid, since Setpgid made it the group leader.
func killGroup(p *os.Process) {
	if err := syscall.Kill(-p.Pid, syscall.SIGKILL); err != nil {
		_ = p.Kill()
	}
}

// terminateGroup forwards a SIGTERM to vagrant and whatever it started.
func terminateGroup(p *os.Process) {
	if err := syscall.Kill(-p.Pid, syscall.SIGTERM); err != nil {
		_ = p.Signal(syscall.SIGTERM)
	}
}
