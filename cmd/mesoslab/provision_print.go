package main

import (
	"github.com/mesoslab/mesoslab/cmd/mesoslab/output"
	"github.com/mesoslab/mesoslab/provision"
)

// printWouldChange lists, node by node, the steps a dry run found out of
// date.
func printWouldChange(pr *output.Printer, rep provision.Report) {
	last := ""
	for _, s := range rep.Results {
		if s.Outcome != provision.WouldChange {
			continue
		}
		if s.Node != last {
			pr.Printf("\n%s\n", pr.Bold(s.Node))
			last = s.Node
		}
		pr.Printf("  %s %-13s %s\n", pr.Mark(output.Warn), s.Phase, s.Step)
	}
	if last == "" {
		pr.Printf("\n%s nothing would change\n", pr.Mark(output.OK))
	}
}
