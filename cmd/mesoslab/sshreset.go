package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

func sshResetCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "ssh-reset",
		Usage:     "forget a node's SSH host key, after it was re-created outside mesoslab",
		ArgsUsage: "NODE",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("ssh-reset needs exactly one node name, e.g. `mesoslab ssh-reset agent1`")
			}
			l, err := s.openExisting(c)
			if err != nil {
				return err
			}
			node := c.Args().First()
			if err := l.ForgetHostKey(node); err != nil {
				return err
			}
			fmt.Fprintf(s.Out, "forgot the host key of %s; the next connection trusts the key it finds\n", node)
			return nil
		},
	}
}
