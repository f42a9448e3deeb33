package main

import (
	"context"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/output"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/urfave/cli/v2"
)

// opener is how a command finds its lab: lab.Open (the lab as configured,
// for up, plan, doctor, render) or lab.OpenExisting (the lab as built, for
// the commands that act on what exists).
type opener func(context.Context, lab.OpenOptions) (*lab.Lab, error)

// labCommand is what every command on a lab starts from: the lab, whether
// --output json was asked, and the printer for stdout.
type labCommand struct {
	*lab.Lab
	asJSON bool
	pr     *output.Printer
}

// openLab is the opening every lab command shares, in one call: --output,
// then the lab through open, then a printer that styles only a terminal.
func openLab(c *cli.Context, s streams, open opener) (labCommand, error) {
	asJSON, err := outputJSON(c)
	if err != nil {
		return labCommand{}, err
	}
	o, err := s.openOptions(c)
	if err != nil {
		return labCommand{}, err
	}
	l, err := open(c.Context, o)
	if err != nil {
		return labCommand{}, err
	}
	return labCommand{Lab: l, asJSON: asJSON, pr: output.NewPrinter(s.Out, output.Smart(s.Out, s.getenv))}, nil
}

// progress renders the lab's events at the detail -q and -v ask for, as
// JSON lines under --output json.
func (lc labCommand) progress(c *cli.Context) *output.Progress {
	return newProgress(c, lc.pr, lc.asJSON)
}

// openExisting opens the lab this invocation names, which must have been
// built: commands that act on machines stop here for a lab that is not there.
func (s streams) openExisting(c *cli.Context) (*lab.Lab, error) {
	o, err := s.openOptions(c)
	if err != nil {
		return nil, err
	}
	return lab.OpenExisting(c.Context, o)
}

// openOptions are this invocation's configuration sources and the real
// outside world.
func (s streams) openOptions(c *cli.Context) (lab.OpenOptions, error) {
	home, err := lab.Home(s.getenv)
	if err != nil {
		return lab.OpenOptions{}, err
	}
	return lab.OpenOptions{
		ResolveOptions: lab.ResolveOptions{
			Home:       home,
			Lab:        s.common(c, "lab"),
			ConfigPath: s.common(c, "config"),
			Env:        s.LookupEnv,
			Flags:      flagOverrides(c),
		},
		Backends: s.backends(),
	}, nil
}
