package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/output"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/workshop"
	"github.com/urfave/cli/v2"
)

// verifyDoc is `mesoslab verify --output json`: the report's checks and
// facts, whether they all passed, and the web interfaces.
type verifyDoc struct {
	Lab     string        `json:"lab"`
	Healthy bool          `json:"healthy"`
	Status  health.Status `json:"status"`
	health.Report
	URLs []lab.URL `json:"urls"`
	// Workload holds the runs of --workload (and of up), with the agents'
	// last log lines of a failed one; its runs are also checks.
	Workload *workshop.WorkloadReport `json:"workload,omitempty"`
}

func newVerifyDoc(l *lab.Lab, rep health.Report) verifyDoc {
	return verifyDoc{Lab: l.Name(), Healthy: rep.Healthy(), Status: rep.Worst(), Report: rep, URLs: l.URLs(rep)}
}

// withWorkload adds the workload's runs to the report as checks.
func (d verifyDoc) withWorkload(wr workshop.WorkloadReport) verifyDoc {
	d.Workload = &wr
	d.Checks = append(append([]health.Check(nil), d.Checks...), wr.Checks()...)
	d.Healthy, d.Status = d.Report.Healthy(), d.Report.Worst()
	return d
}

func verifyCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "verify",
		Usage:     "probe every service of the lab and say what is wrong; exit 1 unless all is well",
		ArgsUsage: " ",
		Description: "With --workload it then runs real tasks: `true` through mesos-execute on the Docker and on the\n" +
			"Mesos containerizer, and one run of a Chronos job, and says which fails and why, with the\n" +
			"agent's last log lines. Each run is bounded and cleaned up, on Ctrl-C too.",
		Flags: []cli.Flag{
			&cli.DurationFlag{Name: "wait", Usage: "keep probing until the lab is healthy or this much time has passed (e.g. 5m)"},
			&cli.BoolFlag{Name: "workload", Usage: "also run a task on each containerizer and one Chronos job run"},
			&cli.DurationFlag{Name: "workload-timeout", Value: workshop.DefaultWorkloadTimeout, Usage: "how long each workload run may take"},
		},
		Action: func(c *cli.Context) error {
			if c.Duration("wait") < 0 {
				return usagef("--wait %s: use a positive duration such as 5m", c.Duration("wait"))
			}
			asJSON, err := outputJSON(c)
			if err != nil {
				return err
			}
			if c.Duration("workload-timeout") <= 0 {
				return usagef("--workload-timeout %s: use a positive duration such as 3m", c.Duration("workload-timeout"))
			}
			l, err := openLab(c, s, lab.OpenExisting)
			if err != nil {
				return err
			}
			p := l.Plan
			workload := c.Bool("workload")
			if workload && p.Loopback() {
				return usagef("--workload: lab %s is a loopback lab (subnet %s) with no machines to run tasks on; verify it without --workload", p.Spec.Name, p.Spec.Subnet)
			}
			if err := l.CheckReachable(c.Context); err != nil {
				return err
			}
			pr := l.pr
			o := lab.VerifyOptions{Wait: c.Duration("wait")}
			var progress *output.Progress
			if (o.Wait > 0 || workload) && !asJSON {
				// Standard output stays one JSON document with --output json.
				progress = newProgress(c, pr, false)
				o.Report = progress.Report
			}
			closeProgress := func() {
				if progress != nil {
					progress.Close()
				}
			}
			rep, err := l.Verify(c.Context, o)
			var unhealthy *lab.UnhealthyError
			if err != nil && !errors.As(err, &unhealthy) {
				closeProgress()
				return err
			}
			doc := newVerifyDoc(l.Lab, rep)
			var failedRuns *lab.WorkloadError
			if workload {
				wr, err := l.VerifyWorkload(c.Context, rep,
					lab.WorkloadOptions{Timeout: c.Duration("workload-timeout"), Report: o.Report})
				if err != nil && !errors.As(err, &failedRuns) {
					closeProgress()
					return err
				}
				doc = doc.withWorkload(wr)
			}
			closeProgress()
			if asJSON {
				enc := json.NewEncoder(s.Out)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				if err := enc.Encode(doc); err != nil {
					return err
				}
			} else {
				printVerify(pr, doc)
			}
			if unhealthy != nil || failedRuns != nil {
				return &exitStatus{code: exitFailure}
			}
			return nil
		},
	}
}

// printVerify prints the checks as doctor does (mark, check, finding, fix),
// a summary line and the web interfaces.
func printVerify(pr *output.Printer, doc verifyDoc) {
	failed, warned := 0, 0
	for _, c := range doc.Checks {
		switch c.Status {
		case health.StatusWarn:
			warned++
		case health.StatusFail:
			failed++
		}
		pr.Printf("%s %-22s %s\n", pr.Mark(markOf(c.Status)), c.ID, c.Finding)
		if c.Fix != "" && c.Status != health.StatusOK {
			pr.Printf("    %s %s\n", pr.Faint("fix:"), c.Fix)
		}
	}
	if doc.Workload != nil {
		printAgentLogs(pr, *doc.Workload)
	}
	took := doc.Elapsed.Std().Round(time.Millisecond)
	var summary string
	switch {
	case len(doc.Checks) == 0:
		summary = "nothing to check: the lab has no masters or no components"
	case failed == 0 && warned == 0:
		summary = fmt.Sprintf("%d checks passed in %s; lab %q is healthy", len(doc.Checks), took, doc.Lab)
	case failed == 0:
		summary = fmt.Sprintf("%d checks in %s: %d degraded; lab %q works but is not fully healthy", len(doc.Checks), took, warned, doc.Lab)
	default:
		summary = fmt.Sprintf("%d checks in %s: %d failed, %d degraded; lab %q is not healthy", len(doc.Checks), took, failed, warned, doc.Lab)
	}
	pr.Printf("\n%s\n", pr.Bold(summary))
	printURLs(pr, doc.URLs)
}

// printAgentLogs prints, for each failed workload run, the last journal
// lines of the agents it read.
func printAgentLogs(pr *output.Printer, wr workshop.WorkloadReport) {
	for _, run := range wr.Failed() {
		for _, l := range run.AgentLogs {
			pr.Printf("\n%s\n", pr.Bold(fmt.Sprintf("%s: last lines of mesos-agent on %s", run.ID, l.Node)))
			if l.Error != "" {
				pr.Printf("  %s %s\n", pr.Faint("cannot read the journal:"), l.Error)
			}
			for _, line := range l.Lines {
				pr.Printf("  %s\n", line)
			}
		}
	}
}

// printURLs lists the lab's web interfaces; up's summary uses it too.
func printURLs(pr *output.Printer, urls []lab.URL) {
	if len(urls) == 0 {
		return
	}
	pr.Printf("\n%s\n", pr.Bold("Web UIs"))
	for _, u := range urls {
		pr.Printf("  %-10s %s\n", u.Name, u.URL)
	}
}

func markOf(s health.Status) output.Status {
	switch s {
	case health.StatusOK:
		return output.OK
	case health.StatusWarn:
		return output.Warn
	}
	return output.Fail
}
