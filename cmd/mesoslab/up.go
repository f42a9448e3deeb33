package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/output"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/urfave/cli/v2"
)

func upCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "up",
		Usage:     "build the lab, or resume it: machines, then provisioning and verification",
		ArgsUsage: " ",
		Flags: append(topologyFlags(),
			&cli.IntFlag{Name: "parallel", Value: 3, Usage: "nodes brought up at once after the first"},
			&cli.IntFlag{Name: "provision-parallel", Usage: "nodes provisioned at once in a phase (default: all)"},
			&cli.BoolFlag{Name: "force", Usage: "go on when host checks fail (they are printed as warnings)"},
			&cli.BoolFlag{Name: "skip-doctor", Usage: "do not run the host checks first"},
			&cli.BoolFlag{Name: "no-provision", Usage: "stop once the machines are up"},
			&cli.BoolFlag{Name: "offline", Usage: "download nothing: install only from the lab cache, and stop before building anything if it lacks an item"},
			&cli.BoolFlag{Name: "no-workload", Usage: "end with the service checks, without a task on each containerizer and a Chronos job run"}),
		Action: func(c *cli.Context) error {
			if c.Int("parallel") < 1 || c.Int("parallel") > 16 {
				return usagef("--parallel %d: use 1 to 16", c.Int("parallel"))
			}
			if n := c.Int("provision-parallel"); n < 0 || n > 64 {
				return usagef("--provision-parallel %d: use 1 to 64, or 0 for all nodes at once", n)
			}
			l, err := openLab(c, s, lab.Open)
			if err != nil {
				return err
			}
			p, pr, asJSON := l.Plan, l.pr, l.asJSON
			if !asJSON {
				pr.Printf("%s lab %q: %d masters, %d agents (%s) in %s\n", pr.Bold("Bringing up"), p.Spec.Name,
					p.Spec.Masters, p.Spec.Agents, p.Spec.Provider, l.Dir.Root)
			}
			progress := l.progress(c)
			start := time.Now()
			res, err := l.Up(c.Context, lab.UpOptions{
				Parallel: c.Int("parallel"), ProvisionParallel: c.Int("provision-parallel"), Force: c.Bool("force"), SkipPreflight: c.Bool("skip-doctor"),
				MachinesOnly: c.Bool("no-provision"), NoWorkload: c.Bool("no-workload"), Offline: c.Bool("offline"),
				Report: progress.Report,
			})
			progress.Close()
			if errors.Is(err, context.Canceled) {
				printInterrupted(s, l.Lab)
				return err
			}
			var unhealthy *lab.UnhealthyError
			if errors.As(err, &unhealthy) && !asJSON {
				printVerify(pr, newVerifyDoc(l.Lab, unhealthy.Report))
			}
			var failedRuns *lab.WorkloadError
			if errors.As(err, &failedRuns) && !asJSON {
				printVerify(pr, newVerifyDoc(l.Lab, res.Health).withWorkload(failedRuns.Report))
			}
			if err != nil {
				return err
			}
			if !asJSON {
				printUpSummary(pr, l.Lab, res, time.Since(start))
			}
			return nil
		},
	}
}

// printInterrupted says where each node stands after Ctrl-C and how to go
// on. It asks Vagrant with a fresh context: the command's is cancelled.
func printInterrupted(s streams, l *lab.Lab) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	fmt.Fprintln(s.Err, "\nmesoslab: interrupted. Where the nodes stand:")
	nodes, err := l.Status(ctx)
	if err != nil {
		fmt.Fprintln(s.Err, "  (cannot ask Vagrant:", err, ")")
	}
	for _, n := range nodes {
		fmt.Fprintf(s.Err, "  %-9s %s\n", n.Name, n.State)
	}
	fmt.Fprintln(s.Err, "Run `mesoslab up` again to resume; nodes already running are kept.")
}

// printUpSummary ends a successful up: what provisioning did, the web
// interfaces, and the time it all took.
func printUpSummary(pr *output.Printer, l *lab.Lab, res lab.UpResult, took time.Duration) {
	if rep := res.Provision; rep.Wall > 0 {
		pr.Printf("\nprovisioned in %s: %d changed, %d unchanged\n", rep.Wall.Round(time.Second), rep.Changed, rep.Unchanged)
	}
	if len(res.Health.Checks) > 0 {
		pr.Printf("verified: %d checks passed\n", len(res.Health.Checks))
		for _, run := range res.Workload.Runs {
			if !run.Skipped {
				pr.Printf("workload: %s %s\n", run.ID, run.Finding)
			}
		}
		printURLs(pr, l.URLs(res.Health))
	}
	pr.Printf("\n%s lab %q is up in %s. `mesoslab status` shows it, `mesoslab ssh NODE` enters a node.\n",
		pr.Mark(output.OK), l.Name(), took.Round(time.Second))
}
