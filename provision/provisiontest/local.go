package provisiontest

import (
	"bytes"
	"context"
	"errors"
	"os/exec"

	"github.com/mesoslab/mesoslab/provision"
)

// Local is a Runner that runs commands in the local bash, as a node's shell
// would, so that the scripts steps and recipes generate meet a real shell,
// real tools and a real file system. Sudo is ignored: tests that need root
// say so, and the rest write only into their own directories.
type Local struct{}

var _ provision.Runner = Local{}

// Run runs c.Cmd with bash -c, c.Stdin on its standard input, within
// c.Timeout. A non-zero exit returns a *provision.CmdError with the output.
func (Local) Run(ctx context.Context, c provision.Command) (provision.Result, error) {
	if c.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.Timeout)
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, "bash", "-c", c.Cmd)
	var stdout, stderr bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(c.Stdin), &stdout, &stderr
	err := cmd.Run()
	res := provision.Result{Stdout: stdout.Bytes(), Stderr: stderr.Bytes()}
	var ee *exec.ExitError
	switch {
	case err == nil:
		return res, nil
	case errors.As(err, &ee) && ctx.Err() == nil:
		res.ExitCode = ee.ExitCode()
		return res, &provision.CmdError{Host: "local", Cmd: c.Cmd, ExitCode: res.ExitCode, Stdout: res.Stdout, Stderr: res.Stderr}
	default:
		res.ExitCode = -1
		return res, &provision.CmdError{Host: "local", Cmd: c.Cmd, ExitCode: -1, Err: errors.Join(err, ctx.Err())}
	}
}
