package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/workshop"
	"github.com/urfave/cli/v2"
)

// browserTimeout bounds the opener: xdg-open, open and rundll32 hand the
// URL over and return.
const browserTimeout = 30 * time.Second

func uiCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "ui",
		Usage:     "open a component's web UI in the browser: Mesos on the elected leader, Marathon, Chronos or Mesos-DNS",
		ArgsUsage: "[" + strings.Join(workshop.UIComponents, "|") + "]",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "print", Usage: "print the URL instead of opening it (the default without a display)"},
		},
		Action: func(c *cli.Context) error {
			component := "mesos"
			switch c.NArg() {
			case 0:
			case 1:
				component = c.Args().First()
			default:
				return usagef("ui takes one component, got %q", strings.Join(c.Args().Slice(), " "))
			}
			if !slices.Contains(workshop.UIComponents, component) {
				return usagef("ui %q: use one of %s", component, strings.Join(workshop.UIComponents, ", "))
			}
			l, err := openLab(c, s, lab.OpenExisting)
			if err != nil {
				return err
			}
			if err := l.CheckReachable(c.Context); err != nil {
				return err
			}
			t := l.HealthTarget()
			url, err := workshop.UIURL((&health.Prober{}).Probe(c.Context, t), t, component)
			if err != nil {
				return err
			}
			if l.asJSON {
				return json.NewEncoder(s.Out).Encode(map[string]string{"component": component, "url": url})
			}
			show := !c.Bool("print") && workshop.CanOpenBrowser(runtime.GOOS, s.getenv, isTerminal(s.Out))
			return openUI(c.Context, s.Out, url, show, runBrowser)
		},
	}
}

// openUI opens url with open, or prints it when show is false or the
// browser cannot be started.
func openUI(ctx context.Context, out io.Writer, url string, show bool, open func(ctx context.Context, url string) error) error {
	if !show {
		_, err := fmt.Fprintln(out, url)
		return err
	}
	if err := open(ctx, url); err != nil {
		_, perr := fmt.Fprintf(out, "%s\n(cannot open a browser: %v)\n", url, err)
		return perr
	}
	_, err := fmt.Fprintln(out, "Opened", url)
	return err
}

// runBrowser hands url to the desktop's opener.
func runBrowser(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, browserTimeout)
	defer cancel()
	name, args := workshop.BrowserCommand(runtime.GOOS, url)
	out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}
