package lab

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/provision"
)

// nodeBundle is what was read from one node, before it goes into the
// archive: entries by their name inside the node's folder.
type nodeBundle struct {
	NodeExport
	node    string
	entries []entry
}

type entry struct {
	name string
	data []byte
}

// errorText is the node's error.txt: why it could not be reached, or what
// it answered with an error; empty when all went well.
func (b nodeBundle) errorText() string {
	if b.Unreachable != "" {
		return "mesoslab could not reach " + b.node + ": " + b.Unreachable + "\n"
	}
	if len(b.Problems) == 0 {
		return ""
	}
	return "mesoslab could not gather everything from " + b.node + ":\n" + strings.Join(b.Problems, "\n") + "\n"
}

// gatherNode reads, on one node: the full journal of each lab unit, every
// file the recipes write, `dpkg -l` of the lab's packages and `free -m`.
// Nothing here changes the node.
func gatherNode(ctx context.Context, sh NodeShell, p *config.Plan, node string) nodeBundle {
	b := nodeBundle{NodeExport: NodeExport{Node: node}, node: node}
	r, err := sh.Runner(ctx, node)
	if err != nil {
		b.Unreachable = firstLine(asNodeError(node, "connect", err).Error())
		return b
	}
	inv, _ := Inventory(p, node)
	problem := func(what string, err error) {
		b.Problems = append(b.Problems, what+": "+strings.ReplaceAll(strings.TrimSpace(err.Error()), "\n", "\n  "))
	}
	for _, u := range inv.Units {
		name := "journal-" + safeName(u) + ".log"
		res, err := r.Run(ctx, journalCommand(journalArgs{units: []string{u}}))
		if err != nil {
			problem(name, err)
			continue
		}
		b.entries = append(b.entries, entry{name, res.Stdout})
	}
	for _, f := range inv.Files {
		name := "files" + f
		// The files' content goes to the archive; Secret keeps it out of
		// the node's log, which the archive holds as well.
		res, err := r.Run(ctx, provision.Command{Cmd: "cat -- " + provision.Quote(f), Sudo: true, Secret: true})
		if err != nil {
			problem(name, err)
			continue
		}
		b.entries = append(b.entries, entry{name, res.Stdout})
	}
	if len(inv.Packages) == 0 {
		b.entries = append(b.entries, entry{"dpkg-l.txt", []byte("mesoslab installs no package on " + node + "\n")})
	} else if out, err := answer(ctx, r, "COLUMNS=200 dpkg -l -- "+provision.QuoteAll(inv.Packages...)); err != nil {
		problem("dpkg-l.txt", err)
	} else {
		// dpkg -l exits 1 when a package is not installed, and says so.
		b.entries = append(b.entries, entry{"dpkg-l.txt", out})
	}
	if out, err := answer(ctx, r, "free -m"); err != nil {
		problem("free-m.txt", err)
	} else {
		b.entries = append(b.entries, entry{"free-m.txt", out})
	}
	if ctx.Err() != nil {
		b.Unreachable = "interrupted"
	}
	return b
}

// answer runs a read-only command and returns what it printed, also when
// it exited non-zero: that output is the answer. Only a command that did
// not run to its end is an error.
func answer(ctx context.Context, r provision.Runner, cmd string) ([]byte, error) {
	res, err := r.Run(ctx, provision.Command{Cmd: cmd, Secret: true})
	var ce *provision.CmdError
	if err != nil && (!errors.As(err, &ce) || ce.Err != nil) {
		return nil, err
	}
	out := provisionResultText(res)
	if res.ExitCode != 0 {
		out = append(out, fmt.Sprintf("(exit status %d)\n", res.ExitCode)...)
	}
	return out, nil
}

// safeName keeps a unit name usable as a file name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r < ' ' {
			return '_'
		}
		return r
	}, s)
}
