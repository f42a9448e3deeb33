package ui

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestSmartNeedsATerminalAndColour(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		w    *bytes.Buffer
	}{
		{"NO_COLOR", map[string]string{"NO_COLOR": "1", "TERM": "xterm-256color"}, nil},
		{"TERM=dumb", map[string]string{"TERM": "dumb"}, nil},
		{"no TERM", map[string]string{}, nil},
		{"not a terminal", map[string]string{"TERM": "xterm-256color"}, &bytes.Buffer{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w = any(os.Stdout)
			if tt.w != nil {
				w = tt.w
			}
			if Smart(w.(interface{ Write([]byte) (int, error) }), func(k string) string { return tt.env[k] }) {
				t.Error("Smart() = true, want plain output")
			}
		})
	}
}

func TestPlainPrinterHasNoEscapeCodes(t *testing.T) {
	var buf bytes.Buffer
	p := NewPrinter(&buf, false)
	p.Printf("%s %s %s %s\n", p.Mark(OK), p.Mark(Warn), p.Mark(Fail), p.Bold(p.Colour(Fail, "boom")))
	if got, want := buf.String(), "[ok]   [warn] [fail] boom\n"; got != want {
		t.Errorf("plain output = %q, want %q", got, want)
	}
	smart := NewPrinter(&buf, true)
	if m := smart.Mark(OK); !strings.Contains(m, "✓") || !strings.Contains(m, "\x1b[") {
		t.Errorf("smart mark = %q, want a coloured ✓", m)
	}
}
