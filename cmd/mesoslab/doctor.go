package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/output"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/doctor"
	"github.com/urfave/cli/v2"
)

func doctorCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "doctor",
		Usage:     "check whether this host can run the lab, and what to fix",
		ArgsUsage: " ",
		Flags: append(topologyFlags(),
			&cli.BoolFlag{Name: "strict", Usage: "fail on warnings too"},
			&cli.BoolFlag{Name: "list-checks", Usage: "list the checks and what each one looks at"},
			&cli.StringSliceFlag{Name: "check", Usage: "run only this check (repeat for more)"},
			&cli.DurationFlag{Name: "timeout", Value: doctor.DefaultTimeout,
				Usage: "bound the whole run: a tool or source that has not answered by then is reported as hanging"}),
		Action: func(c *cli.Context) error {
			asJSON, err := outputJSON(c)
			if err != nil {
				return err
			}
			if c.Bool("list-checks") {
				return listChecks(s.Out, asJSON)
			}
			timeout := c.Duration("timeout")
			if timeout <= 0 {
				return usagef("--timeout %s: the doctor needs some time to run; use a positive duration such as 2s or 10s", timeout)
			}
			l, err := openLab(c, s, lab.Open)
			if err != nil {
				return err
			}
			start := time.Now()
			results := doctor.Run(c.Context, doctor.NewSystemHost(), l.DoctorLab(),
				doctor.Options{Only: c.StringSlice("check"), Timeout: timeout})
			if asJSON {
				enc := json.NewEncoder(s.Out)
				enc.SetEscapeHTML(false) // findings say "<=" and ">"
				enc.SetIndent("", "  ")
				if err := enc.Encode(results); err != nil {
					return err
				}
			} else {
				printDoctor(l.pr, results, time.Since(start))
			}
			if doctor.Failed(results, c.Bool("strict")) {
				return &exitStatus{code: exitFailure}
			}
			return nil
		},
	}
}

func printDoctor(pr *output.Printer, results []doctor.Result, took time.Duration) {
	failed, warned := 0, 0
	for _, r := range results {
		st := output.OK
		switch r.Status {
		case doctor.StatusWarn:
			st = output.Warn
			warned++
		case doctor.StatusFail:
			st = output.Fail
			failed++
		}
		pr.Printf("%s %-15s %s\n", pr.Mark(st), r.ID, r.Finding)
		if r.Fix != "" && r.Status != doctor.StatusOK {
			pr.Printf("    %s %s\n", pr.Faint("fix:"), r.Fix)
		}
	}
	summary := fmt.Sprintf("%d checks in %s: %d failed, %d warnings", len(results), took.Round(time.Millisecond), failed, warned)
	if failed == 0 {
		summary += "; this host can run the lab"
	}
	pr.Printf("\n%s\n", pr.Bold(summary))
}

func listChecks(w io.Writer, asJSON bool) error {
	if asJSON {
		return json.NewEncoder(w).Encode(doctor.Catalog())
	}
	for _, c := range doctor.Catalog() {
		fmt.Fprintf(w, "%-15s %s\n", c.ID, c.Description)
	}
	return nil
}
