package vagrant

import (
	"bytes"
	"strings"
	"sync"
)

const (
	// maxLine is the longest line kept whole. go-vagrant reads with a default
	// bufio.Scanner, whose 64 KiB limit stops the reader and then blocks
	// vagrant on a full pipe; lineWriter cuts instead and keeps reading.
	maxLine = 1 << 20
	// tailLines is how many raw lines an *Error keeps.
	tailLines = 30
)

// lineWriter splits a child's output into lines for emit. It never refuses
// a write, so the child can never block on us: a line longer than maxLine
// is cut there and the rest of it dropped.
type lineWriter struct {
	emit func(line string)
	buf  []byte
	over bool // dropping the rest of an over-long line
}

func (w *lineWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		chunk, rest, found := bytes.Cut(p, []byte{'\n'})
		if !w.over {
			if room := maxLine - len(w.buf); len(chunk) > room {
				chunk, w.over = chunk[:room], true
			}
			w.buf = append(w.buf, chunk...)
		}
		if !found {
			break
		}
		w.flush()
		p = rest
	}
	return n, nil
}

// Close emits a last line that had no newline.
func (w *lineWriter) Close() error {
	if len(w.buf) > 0 || w.over {
		w.flush()
	}
	return nil
}

func (w *lineWriter) flush() {
	line := strings.TrimSuffix(string(w.buf), "\r")
	w.buf, w.over = w.buf[:0], false
	w.emit(line)
}

// tail keeps the last lines of a command's output for its *Error; stdout
// and stderr writers share it, hence the lock.
type tail struct {
	mu    sync.Mutex
	lines []string
}

func (t *tail) add(line string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.lines) == tailLines {
		t.lines = append(t.lines[:0], t.lines[1:]...)
	}
	t.lines = append(t.lines, line)
}

func (t *tail) get() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.lines...)
}

// last returns the last non-blank line, the best guess at a message when
// vagrant died without an error-exit line (a Ruby crash, a killed child).
func (t *tail) last() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i := len(t.lines) - 1; i >= 0; i-- {
		if s := strings.TrimSpace(t.lines[i]); s != "" {
			return s
		}
	}
	return ""
}
