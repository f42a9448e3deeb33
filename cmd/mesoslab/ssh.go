package main

import (
	"errors"
	"os/exec"
	"strings"

	"github.com/mesoslab/mesoslab/vagrant"
	"github.com/urfave/cli/v2"
)

func sshCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "ssh",
		Usage:     "open a shell on a node, or run a command there",
		ArgsUsage: "NODE [-- COMMAND...]",
		Action: func(c *cli.Context) error {
			args := c.Args().Slice()
			if len(args) == 0 {
				return usagef("ssh needs a node name, e.g. `mesoslab ssh master1`")
			}
			node, command := args[0], args[1:]
			if len(command) > 0 && command[0] == "--" {
				command = command[1:]
			}
			l, err := s.openExisting(c)
			if err != nil {
				return err
			}
			if _, ok := l.Plan.Node(node); !ok {
				return usagef("lab %q has no node %q; its nodes are %s", l.Name(), node, strings.Join(l.Plan.NodeNames(), ", "))
			}
			// Vagrant itself says whether the machine runs; asking it first
			// would double the wait for a shell.
			if err := l.Recorded(); err != nil {
				return err
			}
			cmd := vagrant.SSHCommand(c.Context, l.Dir.Root, node, command)
			cmd.Stdin, cmd.Stdout, cmd.Stderr = s.In, s.Out, s.Err
			err = cmd.Run()
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				// The remote command's exit code is ours.
				if code := ee.ExitCode(); code > 0 {
					return &exitStatus{code: code}
				}
				return &exitStatus{code: exitFailure, msg: "vagrant ssh: " + ee.Error()}
			}
			return err
		},
	}
}
