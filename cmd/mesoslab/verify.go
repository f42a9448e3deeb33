package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/ui"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/health"
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
}

func newVerifyDoc(p *lab.Plan, rep health.Report) verifyDoc {
	return verifyDoc{Lab: p.Spec.Name, Healthy: rep.Healthy(), Status: rep.Worst(), Report: rep, URLs: p.URLs(rep)}
}

func verifyCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "verify",
		Usage:     "probe every service of the lab and say what is wrong; exit 1 unless all is well",
		ArgsUsage: " ",
		Flags: []cli.Flag{
			&cli.DurationFlag{Name: "wait", Usage: "keep probing until the lab is healthy or this much time has passed (e.g. 5m)"},
		},
		Action: func(c *cli.Context) error {
			if c.Duration("wait") < 0 {
				return usagef("--wait %s: use a positive duration such as 5m", c.Duration("wait"))
			}
			asJSON, err := outputJSON(c)
			if err != nil {
				return err
			}
			_, p, err := existingPlan(c, s)
			if err != nil {
				return err
			}
			pr := ui.NewPrinter(s.Out, ui.Smart(s.Out, s.getenv))
			o := lab.VerifyOptions{Wait: c.Duration("wait")}
			var progress *ui.Progress
			if o.Wait > 0 && !asJSON {
				// Standard output stays one JSON document with --output json.
				progress = newProgress(c, pr, false)
				o.Report = progress.Report
			}
			rep, err := lab.Verify(c.Context, p, o)
			if progress != nil {
				progress.Close()
			}
			var unhealthy *lab.UnhealthyError
			if err != nil && !errors.As(err, &unhealthy) {
				return err
			}
			doc := newVerifyDoc(p, rep)
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
			if unhealthy != nil {
				return &exitStatus{code: exitFailure}
			}
			return nil
		},
	}
}

// printVerify prints the checks as doctor does (mark, check, finding, fix),
// a summary line and the web interfaces.
func printVerify(pr *ui.Printer, doc verifyDoc) {
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

// printURLs lists the lab's web interfaces; up's summary uses it too.
func printURLs(pr *ui.Printer, urls []lab.URL) {
	if len(urls) == 0 {
		return
	}
	pr.Printf("\n%s\n", pr.Bold("Web UIs"))
	for _, u := range urls {
		pr.Printf("  %-10s %s\n", u.Name, u.URL)
	}
}

func markOf(s health.Status) ui.Status {
	switch s {
	case health.StatusOK:
		return ui.OK
	case health.StatusWarn:
		return ui.Warn
	}
	return ui.Fail
}
