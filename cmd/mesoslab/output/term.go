// Package output holds how mesoslab prints: the printer, live progress, the
// one place with styles and symbols, and the decision between a smart
// terminal and plain output. Commands print through it; the domain
// packages never do. (The `ui` command, cmd/mesoslab/ui.go, opens a web UI.)
package output

import (
	"io"

	"golang.org/x/term"
)

// Smart reports whether w is a terminal that takes colour and redraws:
// not when NO_COLOR is set, TERM is dumb or empty, or w is not a terminal.
// getenv is injected so tests can decide without a terminal.
func Smart(w io.Writer, getenv func(string) string) bool {
	if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" || getenv("TERM") == "" {
		return false
	}
	// Any writer with a file descriptor counts: mesoslab wraps os.Stdout.
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}
