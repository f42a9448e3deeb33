package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/output"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/workshop"
	"github.com/urfave/cli/v2"
)

func failoverCommand(s streams) *cli.Command {
	var drills []string
	for _, d := range workshop.Drills() {
		drills = append(drills, string(d))
	}
	return &cli.Command{
		Name:      "failover",
		Usage:     "drill a failure: stop the Mesos leader, the ZooKeeper leader or a ZooKeeper majority, time the recovery, restore",
		ArgsUsage: strings.Join(drills, "|"),
		Description: "mesos stops the elected master's mesos-master and times the re-election; zookeeper does the same\n" +
			"for the ZooKeeper leader; quorum stops a majority of ZooKeeper to show the ensemble and Mesos stop\n" +
			"serving. Each restarts what it stopped and waits until it rejoins; Ctrl-C at any point restores it.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "force", Usage: "drill even when verify finds the lab unhealthy"},
			&cli.DurationFlag{Name: "wait", Value: workshop.DefaultFailoverWait, Usage: "how long each step may take before the drill gives up"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 || !slices.Contains(drills, c.Args().First()) {
				return usagef("failover needs one drill: %s (got %q)", strings.Join(drills, ", "), strings.Join(c.Args().Slice(), " "))
			}
			if c.Duration("wait") <= 0 {
				return usagef("--wait %s: use a positive duration such as 3m", c.Duration("wait"))
			}
			l, err := openLab(c, s, lab.OpenExisting)
			if err != nil {
				return err
			}
			if err := l.CheckReachable(c.Context); err != nil {
				return err
			}
			shell := l.Shell()
			defer shell.Close()
			target, prober := l.HealthTarget(), &health.Prober{}
			tp := newTimelinePrinter(s, l.asJSON)
			f := &workshop.Failover{
				Probe:   func(ctx context.Context) health.Report { return prober.Probe(ctx, target) },
				Shell:   shell,
				Force:   c.Bool("force"),
				Wait:    c.Duration("wait"),
				OnEvent: tp.event,
			}
			res, err := f.Run(c.Context, workshop.Drill(c.Args().First()))
			if l.asJSON {
				if jerr := tp.json(res); jerr != nil {
					return jerr
				}
			} else if err == nil {
				tp.summary(failoverSummary(res))
			}
			return err
		},
	}
}

// failoverSummary is the drill's outcome in one line.
func failoverSummary(r workshop.FailoverResult) string {
	switch r.Drill {
	case workshop.DrillQuorum:
		return fmt.Sprintf("Quorum drill: service lost %s after the stops, back %s after the restarts.",
			workshop.FormatDuration(r.Reelection.Std()), workshop.FormatDuration(r.Rejoined.Std()))
	default:
		return fmt.Sprintf("%s drill: %s took over from %s in %s; %s rejoined in %s.", r.Drill,
			r.NewLeader, r.OldLeader, workshop.FormatDuration(r.Reelection.Std()), r.OldLeader, workshop.FormatDuration(r.Rejoined.Std()))
	}
}

// timelinePrinter prints workshop events as they happen, or keeps quiet
// until the JSON document at the end with --output json.
type timelinePrinter struct {
	pr     *output.Printer
	asJSON bool
}

func newTimelinePrinter(s streams, asJSON bool) *timelinePrinter {
	return &timelinePrinter{pr: output.NewPrinter(s.Out, output.Smart(s.Out, s.getenv)), asJSON: asJSON}
}

// eventStatus maps an event kind to the look of its line.
var eventStatus = map[workshop.EventKind]output.Status{
	workshop.EventAction: output.Info, workshop.EventResult: output.OK, workshop.EventWarn: output.Warn, workshop.EventError: output.Fail,
}

// event prints one line. The error that ends a run is left to the exit
// path, which prints it once on standard error.
func (t *timelinePrinter) event(e workshop.Event) {
	if t.asJSON || e.Kind == workshop.EventError {
		return
	}
	line := workshop.FormatEvent(e)
	if st, ok := eventStatus[e.Kind]; ok {
		line = t.pr.Colour(st, line)
	} else if e.Kind == workshop.EventWait {
		line = t.pr.Faint(line)
	}
	t.pr.Printf("%s\n", line)
}

func (t *timelinePrinter) summary(msg string) {
	t.pr.Printf("\n%s %s\n", t.pr.Mark(output.OK), msg)
}

func (t *timelinePrinter) json(v any) error {
	enc := json.NewEncoder(t.pr.W)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
