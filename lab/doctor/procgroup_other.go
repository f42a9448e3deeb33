//go:build !unix

package doctor

import "os/exec"

// setProcessGroup leaves the default: on Windows, cancellation kills the
// started process only.
func setProcessGroup(*exec.Cmd) {}
