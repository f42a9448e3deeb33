package main

import (
	"github.com/mesoslab/mesoslab/lab"
	"github.com/urfave/cli/v2"
)

func logsCommand(s streams) *cli.Command {
	export := logsExportCommand(s)
	export.Flags = append(export.Flags, commonFlags()...)
	export.OnUsageError = func(_ *cli.Context, err error, _ bool) error { return usagef("%v", err) }
	return &cli.Command{
		Name:      "logs",
		Usage:     "show the journal of the lab's units on every node or one; `logs export` writes an archive for a bug report",
		ArgsUsage: "[NODE]",
		Description: "Prints the last lines of the journal of each unit mesoslab runs (zookeeper, mesos-master, marathon,\n" +
			"chronos, mesos-dns, docker, mesos-agent) on each node, or on NODE only; --follow keeps printing new\n" +
			"lines until Ctrl-C. `mesoslab logs export FILE.tar.gz` gathers every journal, the files mesoslab\n" +
			"wrote, package versions, memory and the verify report into one archive.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "unit", Aliases: []string{"u"}, Usage: "only this unit's journal (zookeeper, mesos-master, ...)"},
			&cli.IntFlag{Name: "lines", Aliases: []string{"n"}, Value: lab.DefaultLogLines, Usage: "how many of the last lines of each journal to show"},
			&cli.BoolFlag{Name: "follow", Aliases: []string{"f"}, Usage: "keep printing new lines until Ctrl-C"},
		},
		Subcommands: []*cli.Command{export},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("logs takes at most one node, got %q", c.Args().Slice())
			}
			asJSON, err := outputJSON(c)
			if err != nil {
				return err
			}
			if asJSON {
				return usagef("logs prints journal lines as text; `mesoslab logs export FILE.tar.gz -o json` describes an archive in JSON")
			}
			l, err := openLab(c, s, lab.OpenExisting)
			if err != nil {
				return err
			}
			o := lab.LogsOptions{Node: c.Args().First(), Unit: c.String("unit"), Lines: c.Int("lines"), Follow: c.Bool("follow")}
			if err := l.CheckLogs(o); err != nil {
				return err
			}
			// Exit 1: the lab is not there to be read.
			if err := l.Recorded(); err != nil {
				return err
			}
			shell := l.Shell()
			defer shell.Close()
			return lab.Logs(c.Context, shell, l.Plan, s.Out, o)
		},
	}
}
