package output

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/seconds"
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

func TestProgressPlainLinesFollowTheLevel(t *testing.T) {
	at := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	events := []lab.Event{
		{Time: at, Stage: lab.StageProvision, Node: "master1", Status: lab.EventStart, Phase: "base"},
		{Time: at, Stage: lab.StageProvision, Node: "master1", Status: lab.EventProgress, Phase: "base: file /etc/hosts"},
		{Time: at, Stage: lab.StageProvision, Node: "master1", Status: lab.EventProgress, Phase: "base: file /etc/hostname"},
		{Time: at, Stage: lab.StageProvision, Node: "master1", Status: lab.EventProgress, Phase: "zookeeper: service zookeeper"},
		{Time: at, Stage: lab.StageProvision, Node: "master1", Status: lab.EventFailed, Message: "boom", Elapsed: seconds.Duration(time.Second)},
	}
	tests := []struct {
		level Level
		lines int
	}{{Quiet, 1}, {Normal, 3}, {Verbose, 5}}
	for _, tt := range tests {
		var buf bytes.Buffer
		pr := NewProgress(NewPrinter(&buf, false), false, tt.level)
		for _, e := range events {
			pr.Report(e)
		}
		pr.Close()
		if got := strings.Count(buf.String(), "\n"); got != tt.lines {
			t.Errorf("level %d: %d lines, want %d:\n%s", tt.level, got, tt.lines, buf.String())
		}
		if tt.level == Normal && strings.Count(buf.String(), "master1   base\n") != 1 {
			t.Errorf("normal: the node's start and its first step's phase should share one line:\n%s", buf.String())
		}
		if !strings.Contains(buf.String(), "10:00:00 provision  master1   [fail] boom (1s)") {
			t.Errorf("level %d: the failure line is missing:\n%s", tt.level, buf.String())
		}
	}
}
