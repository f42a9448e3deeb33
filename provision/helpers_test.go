package provision_test

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/provision"
)

// localRunner runs commands with the local bash, as the node's shell would:
// it tests the scripts the primitives generate against a real shell and file
// system. Sudo is ignored; tests that need root say so.
type localRunner struct{}

func (localRunner) Run(ctx context.Context, c provision.Command) (provision.Result, error) {
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
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return res, &provision.CmdError{Host: "local", Cmd: c.Cmd, ExitCode: -1, Err: err}
	}
}

func needBash(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not on PATH")
	}
}

// converge runs one step against r with a test deadline.
func converge(t *testing.T, r provision.Runner, s provision.Step, dryRun bool) (provision.Outcome, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return provision.Converge(ctx, r, s, dryRun)
}
