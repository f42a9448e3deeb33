package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/output"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/urfave/cli/v2"
)

func logsExportCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write one .tar.gz with every node's journals, the files mesoslab wrote, packages, memory and the verify report",
		ArgsUsage: "FILE.tar.gz",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "force", Usage: "overwrite FILE if it exists"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("logs export needs one archive to write, e.g. `mesoslab logs export lab-logs.tar.gz`")
			}
			l, err := openLab(c, s, lab.OpenExisting)
			if err != nil {
				return err
			}
			path, asJSON := c.Args().First(), l.asJSON
			if err := lab.CheckExportPath(path, "lab-logs.tar.gz", c.Bool("force")); err != nil {
				return err
			}
			// Exit 1: the lab is not there to be read.
			if err := l.Recorded(); err != nil {
				return err
			}
			pr := output.NewPrinter(s.Err, output.Smart(s.Err, s.getenv))
			if !asJSON && !commonBool(c, "quiet") {
				pr.Printf("gathering the logs of %s ...\n", strings.Join(l.Plan.NodeNames(), ", "))
			}
			shell := l.Shell()
			defer shell.Close()
			res, err := lab.ExportLogs(c.Context, shell, l.Dir, l.Plan, lab.ExportOptions{Path: path, Force: c.Bool("force")})
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(s.Out)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(res)
			}
			printExport(l.pr, res)
			return nil
		},
	}
}

// printExport says where the archive is and which nodes it lacks.
func printExport(pr *output.Printer, res lab.ExportResult) {
	pr.Printf("%s %s (%d files)\n", pr.Bold("wrote"), res.Path, len(res.Entries))
	for _, n := range res.Nodes {
		switch {
		case n.Unreachable != "":
			pr.Printf("%s %s missing: %s\n", pr.Mark(output.Fail), n.Node, n.Unreachable)
		case len(n.Problems) > 0:
			pr.Printf("%s %s: %d things could not be read (listed in its error.txt)\n", pr.Mark(output.Warn), n.Node, len(n.Problems))
		default:
			pr.Printf("%s %s\n", pr.Mark(output.OK), n.Node)
		}
	}
	if m := res.Missing(); len(m) > 0 {
		pr.Printf("\n%s\n", pr.Bold(fmt.Sprintf("%d of %d nodes missing from the archive: %s", len(m), len(res.Nodes), strings.Join(m, ", "))))
	}
}
