package lab

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mesoslab/mesoslab/provision"
)

// DefaultFollowInterval is how often a followed journal is read again.
const DefaultFollowInterval = time.Second

// journalArgs say which part of a node's journal to read.
type journalArgs struct {
	units []string
	// lines keeps the last lines only; zero reads them all.
	lines int
	// after reads only the entries after this cursor.
	after string
	// cursor asks journalctl to end with the cursor of the last entry.
	cursor bool
}

// journalCommand reads the journal as root, with ISO timestamps and no
// pager. Its output is Secret: it goes to the screen or the archive, and
// the node's log keeps the command and the size only, so an export does
// not hold each journal twice and a followed journal does not fill it.
func journalCommand(a journalArgs) provision.Command {
	cmd := "journalctl --no-pager -q -o short-iso"
	if a.lines > 0 {
		cmd += " -n " + strconv.Itoa(a.lines)
	}
	for _, u := range a.units {
		cmd += " -u " + provision.Quote(u)
	}
	if a.after != "" {
		cmd += " --after-cursor=" + provision.Quote(a.after)
	}
	if a.cursor {
		cmd += " --show-cursor"
	}
	return provision.Command{Cmd: cmd, Sudo: true, Secret: true, Timeout: 2 * time.Minute}
}

const cursorMark = "-- cursor: "

// splitCursor separates journalctl's entries from the cursor line that
// --show-cursor prints after the last one; an empty journal has none. The
// "-- No entries --" line of older journalctl versions is dropped.
func splitCursor(out []byte) (entries []byte, cursor string) {
	var b bytes.Buffer
	for _, line := range strings.SplitAfter(string(out), "\n") {
		trimmed := strings.TrimRight(line, "\n")
		switch {
		case strings.HasPrefix(trimmed, cursorMark):
			cursor = strings.TrimPrefix(trimmed, cursorMark)
		case trimmed == "-- No entries --", line == "":
		default:
			b.WriteString(line)
		}
	}
	return b.Bytes(), cursor
}

// follow reads each target's journal every interval from where the last
// read ended (journalctl's cursor) and prints the new lines, behind the
// node's name when there are several nodes. Each read is one command, so
// the end of ctx (Ctrl-C) signals the one running on each node. It ends
// without error when ctx does, as a followed log is stopped that way; a
// node that could not be reached at all is named in the error then.
func follow(ctx context.Context, sh NodeShell, targets []logTarget, w io.Writer, o LogsOptions) error {
	interval := o.Interval
	if interval <= 0 {
		interval = DefaultFollowInterval
	}
	var (
		mu   sync.Mutex
		errs NodeErrors
		wg   sync.WaitGroup
	)
	out := &lockedWriter{w: w}
	var followed []logTarget
	for _, t := range targets {
		if len(t.units) > 0 {
			followed = append(followed, t)
		}
	}
	if len(followed) == 0 {
		for _, t := range targets {
			out.printf("==> %s: no lab units <==\n", t.node)
		}
		return nil
	}
	for _, t := range followed {
		prefix := ""
		if len(followed) > 1 {
			prefix = t.node + " | "
		}
		r, err := sh.Runner(ctx, t.node)
		if err != nil {
			ne := asNodeError(t.node, "connect", err)
			out.printf("%s(not followed: %v)\n", prefix, firstLine(ne.Error()))
			mu.Lock()
			errs = append(errs, ne)
			mu.Unlock()
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			followNode(ctx, r, t, out, prefix, o.Lines, interval)
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// followNode is follow on one node, until ctx ends. A failed read is said
// once and retried: a node that restarts comes back.
func followNode(ctx context.Context, r provision.Runner, t logTarget, out *lockedWriter, prefix string, lines int, interval time.Duration) {
	a := journalArgs{units: t.units, lines: lines, cursor: true}
	failing := false
	for {
		res, err := r.Run(ctx, journalCommand(a))
		if ctx.Err() != nil {
			return
		}
		switch {
		case err != nil && !failing:
			failing = true
			out.printf("%s(cannot read the journal, retrying: %s)\n", prefix, firstLine(err.Error()))
		case err == nil:
			if failing {
				failing = false
				out.printf("%s(reading the journal again)\n", prefix)
			}
			entries, cursor := splitCursor(res.Stdout)
			out.lines(entries, prefix)
			if cursor != "" {
				a.after = cursor
			}
			// After the first read, everything new: with a cursor that is
			// what follows it; without one the units had no entries yet,
			// so all of them are new.
			a.lines = 0
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(interval):
		}
	}
}

// lockedWriter keeps the lines of concurrent nodes whole.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, format, args...)
}

func (l *lockedWriter) lines(out []byte, prefix string) {
	text := strings.TrimRight(string(out), "\n")
	if text == "" {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintln(l.w, prefix+line)
	}
}
