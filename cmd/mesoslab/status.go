package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/ui"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/urfave/cli/v2"
)

// statusDoc is `mesoslab status --output json`.
type statusDoc struct {
	Lab      string           `json:"lab"`
	Provider string           `json:"provider"`
	Dir      string           `json:"dir"`
	Nodes    []lab.NodeStatus `json:"nodes"`
}

func statusCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "status",
		Usage:     "show each node's state, address and role",
		ArgsUsage: " ",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("status takes no arguments, got %q", c.Args().First())
			}
			asJSON, err := outputJSON(c)
			if err != nil {
				return err
			}
			r, p, err := existingPlan(c, s)
			if err != nil {
				return err
			}
			nodes, err := lab.Status(c.Context, s.backends(), r.Dir, p)
			if err != nil {
				return err
			}
			doc := statusDoc{Lab: p.Spec.Name, Provider: p.Spec.Provider, Dir: r.Dir.Root, Nodes: nodes}
			if asJSON {
				return json.NewEncoder(s.Out).Encode(doc)
			}
			pr := ui.NewPrinter(s.Out, ui.Smart(s.Out, s.getenv))
			pr.Printf("%s %s (%s)\n", pr.Bold("Lab"), doc.Lab, doc.Provider)
			tw := tabwriter.NewWriter(s.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NODE\tROLE\tSTATE\tADDRESS\tSSH")
			for _, n := range nodes {
				st := ui.Fail
				if n.State == "running" {
					st = ui.OK
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t127.0.0.1:%d\n", n.Name, n.Role, pr.Colour(st, n.State), n.IP, n.SSHPort)
			}
			return tw.Flush()
		},
	}
}
