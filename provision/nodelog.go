package provision

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// nodeLog writes one record per command to a node's log (logs/NODE.log,
// opened by the caller). Stdin is never written, only its size; a Secret
// command's output is replaced by its size as well.
type nodeLog struct {
	mu sync.Mutex
	w  io.Writer
}

// record writes one command: "TIME # CMD" for a command run as root, "TIME
// $ CMD" otherwise, then its stdin size, output and exit.
func (l *nodeLog) record(start time.Time, took time.Duration, asRoot bool, c Command, res Result, err error) {
	if l == nil || l.w == nil {
		return
	}
	var b strings.Builder
	prompt := "$"
	if asRoot {
		prompt = "#"
	}
	cmd := strings.ReplaceAll(strings.TrimRight(c.Cmd, "\n"), "\n", "\n    ")
	fmt.Fprintf(&b, "%s %s %s\n", start.UTC().Format(time.RFC3339), prompt, cmd)
	if len(c.Stdin) > 0 {
		fmt.Fprintf(&b, "  stdin: %d bytes (not logged)\n", len(c.Stdin))
	}
	for _, s := range []struct {
		mark string
		out  []byte
	}{{"| ", res.Stdout}, {"! ", res.Stderr}} {
		switch {
		case len(s.out) == 0:
		case c.Secret:
			fmt.Fprintf(&b, "%s[%d bytes of secret output]\n", s.mark, len(s.out))
		default:
			for _, line := range strings.Split(strings.TrimRight(string(s.out), "\n"), "\n") {
				b.WriteString(s.mark + line + "\n")
			}
		}
	}
	took = took.Round(time.Millisecond)
	if err != nil && res.ExitCode < 0 {
		fmt.Fprintf(&b, "  failed after %s: %v\n", took, unwrapCmd(err))
	} else {
		fmt.Fprintf(&b, "  exit %d after %s\n", res.ExitCode, took)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	// A log that cannot be written must not fail provisioning.
	_, _ = io.WriteString(l.w, b.String())
}

// unwrapCmd returns the cause inside a *CmdError, so the log line does not
// repeat the command.
func unwrapCmd(err error) error {
	if ce, ok := err.(*CmdError); ok && ce.Err != nil {
		return ce.Err
	}
	return err
}
