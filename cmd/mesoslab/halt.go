package main

import (
	"errors"
	"fmt"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/ui"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/urfave/cli/v2"
)

func haltCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "halt",
		Usage:     "stop every node (agents first); `mesoslab up` starts them again",
		ArgsUsage: " ",
		Action: func(c *cli.Context) error {
			asJSON, err := outputJSON(c)
			if err != nil {
				return err
			}
			r, p, err := existingPlan(c, s)
			if err != nil {
				return err
			}
			progress := newProgress(c, ui.NewPrinter(s.Out, ui.Smart(s.Out, s.getenv)), asJSON)
			err = lab.Halt(c.Context, s.backends(), r.Dir, p, progress.Report)
			progress.Close()
			// Nothing runs, which is what halt is for; like destroy, it is
			// no failure.
			var ne *lab.NotExistError
			if errors.As(err, &ne) {
				if !asJSON {
					fmt.Fprintf(s.Out, "lab %q does not exist; nothing to halt\n", p.Spec.Name)
				}
				return nil
			}
			if err == nil && !asJSON {
				fmt.Fprintf(s.Out, "lab %q is halted; `mesoslab up` resumes it\n", p.Spec.Name)
			}
			return err
		},
	}
}
