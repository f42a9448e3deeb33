package vagrant

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"time"
)

// pipeGrace bounds how long Wait keeps reading after vagrant exited, in case
// a grandchild (an ssh or docker it started) still holds the output pipes.
const pipeGrace = 5 * time.Second

// command is one vagrant invocation.
type command struct {
	args   []string
	dir    string    // where the Vagrantfile is; "" for the current directory
	stdout io.Writer // required
	stderr io.Writer // nil: into stdout, one pipe, so lines keep their order
}

// run starts vagrant and waits for it. vagrant runs in its own process
// group, so a Ctrl-C in the terminal reaches only mesoslab, and mesoslab
// alone decides what vagrant gets. When ctx is done, vagrant gets exactly
// one SIGINT: it prints "Waiting for cleanup before exiting..." and unwinds
// the action it is in (a second SIGINT would make it exit at once, without
// cleanup). If it has not exited after the CLI's grace period, or when Kill
// is called, its whole process group is killed. The error is the child's,
// joined with ctx.Err() when ctx ended the command.
func (c *CLI) run(ctx context.Context, cmd command) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case <-c.killed:
		return errKilled
	case <-c.term:
		return errTerminated
	default:
	}
	x := exec.Command(c.binary, cmd.args...)
	x.Dir = cmd.dir
	x.Env = c.environ()
	x.Stdin = nil // /dev/null: a process outside the terminal's foreground group must not read it
	x.Stdout = cmd.stdout
	x.Stderr = cmd.stderr
	if cmd.stderr == nil {
		x.Stderr = cmd.stdout
	}
	x.WaitDelay = pipeGrace
	ownProcessGroup(x)
	if err := x.Start(); err != nil {
		return err
	}

	exited := make(chan struct{})
	stopped := make(chan bool, 1) // whether the watcher signalled vagrant
	go func() { stopped <- c.watch(ctx, x.Process, exited) }()
	err := x.Wait()
	close(exited)
	if errors.Is(err, exec.ErrWaitDelay) {
		// vagrant exited 0; only a grandchild kept the pipes open past pipeGrace.
		err = nil
	}
	if <-stopped {
		switch {
		case ctx.Err() != nil:
			return errors.Join(ctx.Err(), err)
		case c.terminating():
			return errors.Join(errTerminated, err)
		}
		return errors.Join(errKilled, err)
	}
	return err
}

// watch waits for the process to exit or to be stopped, and stops it.
func (c *CLI) watch(ctx context.Context, p *os.Process, exited <-chan struct{}) (signalled bool) {
	select {
	case <-exited:
		return false
	case <-c.killed:
		killGroup(p)
		return true
	case <-c.term:
		terminateGroup(p)
		c.await(p, exited, c.termGrace, nil)
		return true
	case <-ctx.Done():
	}
	interrupt(p)
	c.await(p, exited, c.grace, c.term)
	return true
}

// await gives a signalled vagrant grace to exit, then kills its process
// group; Kill cuts the wait short. A Terminate during the wait (term, nil
// once vagrant has its SIGTERM) forwards a SIGTERM and shortens the wait
// to the CLI's TerminateGrace.
func (c *CLI) await(p *os.Process, exited <-chan struct{}, grace time.Duration, term <-chan struct{}) {
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-exited:
	case <-timer.C:
		killGroup(p)
	case <-c.killed:
		killGroup(p)
	case <-term:
		terminateGroup(p)
		c.await(p, exited, c.termGrace, nil)
	}
}

// errKilled marks commands that Kill ended or kept from starting.
var errKilled = errors.New("vagrant killed")

// errTerminated marks commands that Terminate ended or kept from starting.
var errTerminated = errors.New("vagrant terminated")

// Kill kills every vagrant child of c at once, process group and all, and
// keeps new ones from starting. It is for a second Ctrl-C: the first one
// cancels the contexts, which lets Vagrant clean up.
func (c *CLI) Kill() {
	c.killOnce.Do(func() { close(c.killed) })
}

// Terminate forwards a SIGTERM to every vagrant child of c and keeps new
// ones from starting; a child still running after TerminateGrace is killed,
// process group and all. It is for mesoslab's own SIGTERM (timeout, CI, a
// service manager): an end within a bounded time, where Ctrl-C waits for
// Vagrant's cleanup.
func (c *CLI) Terminate() {
	c.termOnce.Do(func() { close(c.term) })
}

func (c *CLI) terminating() bool {
	select {
	case <-c.term:
		return true
	default:
		return false
	}
}

// environ is the child's environment: ours, the CLI's Env, and always
// VAGRANT_CHECKPOINT_DISABLE=1 (last, so it wins) so that no command calls
// HashiCorp's version-check service.
func (c *CLI) environ() []string {
	env := append(os.Environ(), c.env...)
	return append(env, "VAGRANT_CHECKPOINT_DISABLE=1")
}
