package main

import (
	"errors"
	"time"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/urfave/cli/v2"
)

func provisionCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "provision",
		Usage:     "re-run provisioning on the running lab (what up does after the machines)",
		ArgsUsage: " ",
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "only", Usage: "run only this phase (component); repeat for more"},
			&cli.StringSliceFlag{Name: "node", Usage: "run only on this node; repeat for more"},
			&cli.BoolFlag{Name: "dry-run", Usage: "list what would change, node by node, changing nothing"},
		},
		Action: func(c *cli.Context) error {
			l, err := openLab(c, s, lab.OpenExisting)
			if err != nil {
				return err
			}
			pr := l.pr
			progress := l.progress(c)
			rep, err := l.Provision(c.Context, lab.ProvisionOptions{
				DryRun: c.Bool("dry-run"), Only: c.StringSlice("only"), Nodes: c.StringSlice("node"), Report: progress.Report,
			})
			progress.Close()
			var absent *lab.NotExistError
			if l.asJSON || errors.As(err, &absent) {
				return err
			}
			if c.Bool("dry-run") && err == nil {
				printWouldChange(pr, rep)
			}
			pr.Printf("\nprovisioned in %s: %d changed, %d unchanged, %d would change, %d failed (steps took %s in all)\n",
				rep.Wall.Round(time.Millisecond), rep.Changed, rep.Unchanged, rep.WouldChange, rep.Failed, rep.StepTime.Round(time.Millisecond))
			return err
		},
	}
}
