package lab

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/recipes"
)

// NodeShell opens a runner to a node of a built lab by its name; *Shell is
// one, tests pass scripted nodes.
type NodeShell interface {
	Runner(ctx context.Context, node string) (provision.Runner, error)
}

// DefaultLogLines is how many journal lines of each unit `mesoslab logs`
// shows, as many as `minikube logs` does.
const DefaultLogLines = 60

// LogsOptions tune Logs.
type LogsOptions struct {
	// Node narrows the logs to one node; empty means every node.
	Node string
	// Unit narrows them to one of the lab's units.
	Unit string
	// Lines is how many of the last lines of each journal to show; zero
	// means DefaultLogLines.
	Lines int
	// Follow keeps printing new journal lines until ctx ends.
	Follow bool
	// Interval is the pause between two reads of a followed journal; zero
	// means DefaultFollowInterval.
	Interval time.Duration
}

// logTarget is one node and the lab's units to read there.
type logTarget struct {
	node  string
	units []string
}

// Inventory is what mesoslab put on the node called name: its units, the
// files its recipes write and its packages.
func Inventory(p *config.Plan, name string) (recipes.Inventory, bool) {
	return recipes.NodeInventory(recipesCluster(p), name)
}

// logTargets checks node and unit against the lab, before any connection,
// and returns what to read: every node that has the unit (or any unit).
func logTargets(p *config.Plan, node, unit string) ([]logTarget, error) {
	nodes := p.NodeNames()
	if node != "" {
		if _, ok := p.Node(node); !ok {
			return nil, config.AsError([]config.Problem{{Key: "NODE", Value: node, Message: "not a node of lab " + p.Spec.Name,
				Fix: "use one of " + config.SummarizeNames(nodes)}})
		}
		nodes = []string{node}
	}
	var (
		out []logTarget
		all []string
	)
	for _, n := range nodes {
		inv, _ := Inventory(p, n)
		all = appendUnique(all, inv.Units)
		t := logTarget{node: n, units: inv.Units}
		if unit != "" {
			t.units = nil
			if slices.Contains(inv.Units, unit) {
				t.units = []string{unit}
			}
		}
		if len(t.units) > 0 || unit == "" {
			out = append(out, t)
		}
	}
	if unit != "" && len(out) == 0 {
		where := "on any node of lab " + p.Spec.Name
		if node != "" {
			where = "on " + node
		}
		fix := "use one of " + strings.Join(all, ", ")
		if len(all) == 0 {
			fix = "leave out --unit: mesoslab runs no unit " + where
		}
		return nil, config.AsError([]config.Problem{{Key: "--unit", Value: unit, Message: "not a unit of the lab " + where, Fix: fix}})
	}
	return out, nil
}

func appendUnique(list, more []string) []string {
	for _, s := range more {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

// checkLogs validates o against the lab without connecting anywhere, so
// that a mistyped node or unit is refused before the lab is looked at.
func checkLogs(p *config.Plan, o LogsOptions) error {
	if o.Lines < 0 {
		return config.AsError([]config.Problem{{Key: "--lines", Value: strconv.Itoa(o.Lines), Message: "cannot be negative", Fix: "use a count such as 60"}})
	}
	_, err := logTargets(p, o.Node, o.Unit)
	return err
}

// Logs writes the last lines of the journal of each lab unit on each node
// (or on o.Node, of o.Unit) to w, node after node under a header line, or
// with o.Follow every new line as it comes until ctx ends. A node that
// cannot be read does not stop the others; the error names each one.
func Logs(ctx context.Context, sh NodeShell, p *config.Plan, w io.Writer, o LogsOptions) error {
	if err := checkLogs(p, o); err != nil {
		return err
	}
	targets, _ := logTargets(p, o.Node, o.Unit)
	if o.Lines == 0 {
		o.Lines = DefaultLogLines
	}
	if o.Follow {
		return follow(ctx, sh, targets, w, o)
	}
	var errs NodeErrors
	for _, t := range targets {
		if len(t.units) == 0 {
			fmt.Fprintf(w, "==> %s: no lab units <==\n\n", t.node)
			continue
		}
		r, err := sh.Runner(ctx, t.node)
		if err != nil {
			errs = append(errs, asNodeError(t.node, "connect", err))
			continue
		}
		for _, u := range t.units {
			fmt.Fprintf(w, "==> %s: %s <==\n", t.node, u)
			res, err := r.Run(ctx, journalCommand(journalArgs{units: []string{u}, lines: o.Lines}))
			if err != nil {
				errs = append(errs, asNodeError(t.node, "journal of "+u, err))
				fmt.Fprintf(w, "(cannot read the journal: %v)\n\n", firstLine(err.Error()))
				continue
			}
			writeJournal(w, res.Stdout, "")
			fmt.Fprintln(w)
		}
	}
	if ctx.Err() != nil {
		return fmt.Errorf("logs: %w", ctx.Err())
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// asNodeError keeps a NodeError as it is and wraps anything else.
func asNodeError(node, step string, err error) *NodeError {
	var ne *NodeError
	if errors.As(err, &ne) {
		return ne
	}
	return &NodeError{Node: node, Step: step, Err: err}
}

// writeJournal copies journal output, each line behind prefix, and says so
// when there was none.
func writeJournal(w io.Writer, out []byte, prefix string) {
	text := strings.TrimRight(string(out), "\n")
	if text == "" {
		fmt.Fprintln(w, prefix+"(no entries)")
		return
	}
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintln(w, prefix+line)
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
