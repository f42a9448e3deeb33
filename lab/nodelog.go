package lab

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// nodeLog appends to logs/NODE.log. Every run starts with a header line, so
// the logs of earlier runs stay and a reader sees where each run begins.
type nodeLog struct {
	mu   sync.Mutex
	f    *os.File
	path string
	tail []string
}

const tailLines = 15

func openNodeLog(d Dir, node, what string) (*nodeLog, error) {
	if err := os.MkdirAll(d.Logs(), 0o755); err != nil {
		return nil, err
	}
	path := d.NodeLog(node)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open log of %s: %w", node, err)
	}
	fmt.Fprintf(f, "\n=== %s %s ===\n", time.Now().UTC().Format(time.RFC3339), what)
	return &nodeLog{f: f, path: path}, nil
}

// line writes one line and keeps the last few for error messages.
func (l *nodeLog) line(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s = strings.TrimRight(s, "\r\n")
	fmt.Fprintln(l.f, s)
	l.tail = append(l.tail, s)
	if len(l.tail) > tailLines {
		l.tail = l.tail[len(l.tail)-tailLines:]
	}
}

// Write lets other writers (the provisioning engine) append to the same log.
func (l *nodeLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.f.Write(p)
}

func (l *nodeLog) lastLines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.tail...)
}

func (l *nodeLog) Close() error { return l.f.Close() }

var _ io.Writer = (*nodeLog)(nil)
