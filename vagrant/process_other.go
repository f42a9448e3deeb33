//go:build !unix

package vagrant

import (
	"os"
	"os/exec"
)

// ownProcessGroup does nothing where there are no Unix process groups.
func ownProcessGroup(*exec.Cmd) {}

// interrupt kills vagrant: Windows cannot send os.Interrupt to another process.
func interrupt(p *os.Process) { _ = p.Kill() }

// killGroup kills vagrant itself; its children are on their own there.
func killGroup(p *os.Process) { _ = p.Kill() }

// terminateGroup kills vagrant: Windows has no SIGTERM to forward.
func terminateGroup(p *os.Process) { _ = p.Kill() }
