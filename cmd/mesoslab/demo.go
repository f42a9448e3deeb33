package main

import (
	"fmt"
	"strings"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/workshop"
	"github.com/urfave/cli/v2"
)

func demoCommand(s streams) *cli.Command {
	sub := []*cli.Command{demoLogsCommand(s), demoRemoveCommand(s)}
	for _, c := range sub {
		c.Flags = append(c.Flags, commonFlags()...)
		c.OnUsageError = func(_ *cli.Context, err error, _ bool) error { return usagef("%v", err) }
	}
	return &cli.Command{
		Name:      "demo",
		Usage:     "deploy the demo workload: an app on every agent, a Chronos job, its Mesos-DNS records",
		ArgsUsage: " ",
		Description: "Deploys /demo through Marathon (`" + workshop.DemoCommand + "`, one instance per agent),\n" +
			"waits until every task runs, creates the Chronos job demo (every 16 minutes) and resolves\n" +
			"demo.marathon.mesos and _demo._tcp.marathon.mesos against a master's Mesos-DNS.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "docker", Usage: "run the app in a Docker container, to prove the docker containerizer"},
			&cli.StringFlag{Name: "image", Usage: "the image --docker runs (default: sources.demo.image of the lab)"},
			&cli.DurationFlag{Name: "wait", Value: workshop.DefaultDemoWait, Usage: "how long the tasks may take to run (an image pull is slow)"},
		},
		Subcommands: sub,
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("unknown demo command %q: use `mesoslab demo`, `demo logs` or `demo remove`", c.Args().First())
			}
			if c.IsSet("image") && !c.Bool("docker") {
				return usagef("--image needs --docker")
			}
			if c.Duration("wait") <= 0 {
				return usagef("--wait %s: use a positive duration such as 5m", c.Duration("wait"))
			}
			asJSON, err := outputJSON(c)
			if err != nil {
				return err
			}
			d, p, err := newDemo(c, s)
			if err != nil {
				return err
			}
			tp := newTimelinePrinter(s, asJSON)
			d.OnEvent, d.Wait = tp.event, c.Duration("wait")
			o := workshop.DeployOptions{}
			if c.Bool("docker") {
				o.Image = p.Spec.Sources.Demo.Image
				if c.IsSet("image") {
					o.Image = c.String("image")
				}
			}
			rep, err := d.Deploy(c.Context, o)
			if asJSON {
				if jerr := tp.json(rep); jerr != nil {
					return jerr
				}
			} else if err == nil {
				tp.summary(demoSummary(rep))
			}
			return err
		},
	}
}

// newDemo aims the demo at the lab as built, once it is known to be there.
func newDemo(c *cli.Context, s streams) (*workshop.Demo, *config.Plan, error) {
	l, err := s.openExisting(c)
	if err != nil {
		return nil, nil, err
	}
	if err := l.CheckReachable(c.Context); err != nil {
		return nil, nil, err
	}
	return &workshop.Demo{Target: l.HealthTarget()}, l.Plan, nil
}

// demoSummary says where the demo runs and what to try next.
func demoSummary(r workshop.DemoReport) string {
	var agents []string
	for _, t := range r.Tasks {
		agents = append(agents, t.Agent)
	}
	return fmt.Sprintf("%s runs on %s. `mesoslab demo logs --follow` shows its dates, `mesoslab ui marathon` its page, "+
		"`mesoslab demo remove` deletes it.", r.App, strings.Join(agents, ", "))
}

func demoLogsCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "logs",
		Usage:     "print a demo task's stdout through the Mesos agent's sandbox file API",
		ArgsUsage: " ",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "follow", Aliases: []string{"f"}, Usage: "keep printing as the task writes, until Ctrl-C"},
			&cli.StringFlag{Name: "agent", Usage: "the agent whose task to show (default: the first)"},
			&cli.BoolFlag{Name: "stderr", Usage: "show stderr instead of stdout"},
		},
		Action: func(c *cli.Context) error {
			d, _, err := newDemo(c, s)
			if err != nil {
				return err
			}
			o := workshop.LogsOptions{Agent: c.String("agent"), Tail: workshop.TailOptions{Follow: c.Bool("follow")}}
			if c.Bool("stderr") {
				o.File = "stderr"
			}
			// Only the log goes to standard output, so it can be piped.
			return d.Logs(c.Context, o, s.Out, func(src workshop.LogSource) {
				fmt.Fprintf(s.Err, "==> %s of task %s on %s (%s)\n", src.File, src.Task, src.Agent, src.Sandbox)
			})
		},
	}
}

func demoRemoveCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "remove",
		Usage:     "delete the demo app and its Chronos job",
		ArgsUsage: " ",
		Action: func(c *cli.Context) error {
			asJSON, err := outputJSON(c)
			if err != nil {
				return err
			}
			d, _, err := newDemo(c, s)
			if err != nil {
				return err
			}
			tp := newTimelinePrinter(s, asJSON)
			d.OnEvent = tp.event
			rep, err := d.Remove(c.Context)
			if asJSON {
				if jerr := tp.json(rep); jerr != nil {
					return jerr
				}
			} else if err == nil {
				tp.summary("The demo is gone.")
			}
			return err
		},
	}
}
