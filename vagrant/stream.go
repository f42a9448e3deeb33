package vagrant

import (
	"context"
	"strings"
	"time"
)

// machineReadable runs a --machine-readable vagrant command for node ("" for
// none) and turns each line it prints into events for onEvent: a raw event
// for every line, then the parsed event for machine-readable ones. A failure
// becomes an *Error carrying Vagrant's error-exit class and message.
func (c *CLI) machineReadable(ctx context.Context, node string, args []string, onEvent func(Event)) error {
	emit := func(e Event) {
		if onEvent != nil {
			onEvent(e)
		}
	}
	var (
		out       tail
		kind, msg string
		lastText  string
	)
	// exec copies the one pipe that stdout and stderr share from a single
	// goroutine, so emit is never called concurrently.
	w := &lineWriter{emit: func(line string) {
		out.add(line)
		emit(Event{Time: time.Now(), Node: node, Kind: KindRaw, Data: line})
		e, ok := parseLine(line)
		if !ok {
			if strings.TrimSpace(line) != "" {
				lastText = line
			}
			return
		}
		if e.Node == "" {
			e.Node = node
		}
		switch e.Kind {
		case KindErrorExit:
			kind, msg = e.Fields[0], e.Data
		case KindUI:
			lastText = e.Data
		}
		emit(e)
	}}
	err := c.run(ctx, command{args: args, dir: c.dir, stdout: w})
	_ = w.Close()
	if err == nil {
		return nil
	}
	if msg == "" {
		msg = strings.TrimSpace(lastText)
	}
	return &Error{Node: node, Command: args[0], ExitCode: exitCode(err), Kind: kind, Message: msg, Tail: out.get(), Err: err}
}

// maxPlainLines bounds what plain keeps of stdout; ssh-config prints a dozen.
const maxPlainLines = 10000

// plain runs a vagrant command whose stdout is not machine-readable
// (ssh-config, --version) and returns its stdout lines. stderr only goes
// into the *Error when the command fails.
func (c *CLI) plain(ctx context.Context, node, dir string, args []string) ([]string, error) {
	var (
		stdout    []string
		all, errs tail
	)
	out := &lineWriter{emit: func(line string) {
		all.add(line)
		if len(stdout) < maxPlainLines {
			stdout = append(stdout, line)
		}
	}}
	errw := &lineWriter{emit: func(line string) { all.add(line); errs.add(line) }}
	err := c.run(ctx, command{args: args, dir: dir, stdout: out, stderr: errw})
	_, _ = out.Close(), errw.Close()
	if err != nil {
		// Vagrant writes a plain error as paragraphs on stderr: keep them whole.
		msg := strings.TrimSpace(strings.Join(errs.get(), "\n"))
		if msg == "" {
			msg = all.last()
		}
		return nil, &Error{Node: node, Command: args[0], ExitCode: exitCode(err), Message: msg, Tail: all.get(), Err: err}
	}
	return stdout, nil
}
