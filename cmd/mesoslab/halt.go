package main

import (
	"errors"
	"fmt"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/urfave/cli/v2"
)

func haltCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "halt",
		Usage:     "stop every node (agents first); `mesoslab up` starts them again",
		ArgsUsage: " ",
		Action: func(c *cli.Context) error {
			l, err := openLab(c, s, lab.OpenExisting)
			if err != nil {
				return err
			}
			progress := l.progress(c)
			err = l.Halt(c.Context, progress.Report)
			progress.Close()
			// Nothing runs, which is what halt is for; like destroy, it is
			// no failure.
			var ne *lab.NotExistError
			if errors.As(err, &ne) {
				if !l.asJSON {
					fmt.Fprintf(s.Out, "lab %q does not exist; nothing to halt\n", l.Name())
				}
				return nil
			}
			if err == nil && !l.asJSON {
				fmt.Fprintf(s.Out, "lab %q is halted; `mesoslab up` resumes it\n", l.Name())
			}
			return err
		},
	}
}
