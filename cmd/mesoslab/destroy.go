package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"
)

func destroyCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "destroy",
		Usage:     "remove every node and the lab's state, keeping mesoslab.yaml and the logs",
		ArgsUsage: " ",
		Flags:     []cli.Flag{&cli.BoolFlag{Name: "force", Aliases: []string{"f"}, Usage: "do not ask for confirmation"}},
		Action: func(c *cli.Context) error {
			l, err := openLab(c, s, lab.OpenExisting)
			if err != nil {
				return err
			}
			if !l.Dir.Exists() {
				if !l.asJSON {
					fmt.Fprintf(s.Out, "lab %q does not exist; nothing to destroy\n", l.Name())
				}
				return nil
			}
			if !c.Bool("force") && isTerminal(s.In) {
				fmt.Fprintf(s.Err, "Destroy lab %q (%d nodes) in %s? Its mesoslab.yaml and logs are kept. [y/N] ",
					l.Name(), len(l.Plan.Nodes), l.Dir.Root)
				answer, _ := bufio.NewReader(s.In).ReadString('\n')
				if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
					return &exitStatus{code: exitFailure, msg: "destroy cancelled; nothing was changed"}
				}
			}
			progress := l.progress(c)
			err = l.Destroy(c.Context, progress.Report)
			progress.Close()
			if err == nil && !l.asJSON {
				fmt.Fprintf(s.Out, "lab %q is destroyed; %s is kept for the next `mesoslab up`\n", l.Name(), l.Dir.Config())
			}
			return err
		},
	}
}

// isTerminal reports whether r is an interactive terminal.
func isTerminal(r any) bool {
	f, ok := r.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}
