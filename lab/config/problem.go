package config

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a configuration: the key, the value found,
// what is wrong and how to fix it. Line is the mesoslab.yaml line, when known.
type Problem struct {
	Key     string `json:"key"`
	Value   string `json:"value"`
	Message string `json:"message"`
	Fix     string `json:"fix"`
	Source  string `json:"source,omitempty"` // file path, environment variable or flag
	Line    int    `json:"line,omitempty"`
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Source != "" {
		b.WriteString(p.Source)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
		}
		b.WriteString(": ")
	}
	if p.Value == "" {
		fmt.Fprintf(&b, "%s: %s", p.Key, p.Message)
	} else {
		fmt.Fprintf(&b, "%s = %q: %s", p.Key, p.Value, p.Message)
	}
	if p.Fix != "" {
		fmt.Fprintf(&b, " (fix: %s)", p.Fix)
	}
	return b.String()
}

// ValidationError is an invalid configuration, with every problem found:
// a user fixes them all in one go instead of one per run.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = "  - " + p.String()
	}
	noun := "problems"
	if len(e.Problems) == 1 {
		noun = "problem"
	}
	return fmt.Sprintf("invalid lab configuration (%d %s):\n%s", len(e.Problems), noun, strings.Join(lines, "\n"))
}

// AsError returns nil for no problems, else a *ValidationError.
func AsError(problems []Problem) error {
	if len(problems) == 0 {
		return nil
	}
	return &ValidationError{Problems: problems}
}
