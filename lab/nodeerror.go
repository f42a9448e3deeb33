package lab

import (
	"fmt"
	"strings"
)

// NodeError is a failure on one node: which node, which step, where the full
// log is, the last lines of output, and advice when the failure is known.
type NodeError struct {
	Node string
	Step string
	Log  string
	Tail []string
	// Advice explains a known failure and how to fix it; empty otherwise.
	Advice string
	Err    error
}

func (e *NodeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s failed: %v", e.Node, e.Step, e.Err)
	if len(e.Tail) > 0 {
		b.WriteString("\n  last lines of output:")
		for _, l := range e.Tail {
			b.WriteString("\n    " + l)
		}
	}
	if e.Advice != "" {
		b.WriteString("\n  " + e.Advice)
	}
	if e.Log != "" {
		b.WriteString("\n  full log: " + e.Log)
	}
	return b.String()
}

func (e *NodeError) Unwrap() error { return e.Err }

// NodeErrors are the failures of several nodes in one stage.
type NodeErrors []*NodeError

func (es NodeErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return fmt.Sprintf("%d of the lab's nodes failed:\n%s", len(es), strings.Join(parts, "\n"))
}

// Unwrap lets errors.Is see, for example, a cancellation on any node.
func (es NodeErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}
