package main

import (
	"context"
	"io"
	"os"
	"strings"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/urfave/cli/v2"
)

// streams are the command's standard streams, passed down so that tests run
// the whole app in memory.
type streams struct {
	In       io.Reader
	Out, Err io.Writer
	// LookupEnv reads the environment (os.LookupEnv outside tests).
	LookupEnv func(string) (string, bool)
	// hard is what a second interrupt kills; nil in tests.
	hard *hardStop
	// world replaces the outside world (Vagrant, this host, SSH) in tests,
	// e.g. with a vagranttest.Driver; nil means the real one.
	world *lab.Backends
}

// getenv reads one variable, "" when unset.
func (s streams) getenv(key string) string {
	v, _ := s.LookupEnv(key)
	return v
}

// runApp runs the command line args (os.Args) with flags allowed after
// positional arguments (see conventionalArgs). A failure of a run that asked
// for --output json and printed nothing on stdout is marked for exitCode to
// print there as one JSON document.
func runApp(ctx context.Context, s streams, args []string) error {
	out := countOutput(s.Out)
	s.Out = out
	app := newApp(s)
	args = conventionalArgs(app, args)
	err := app.RunContext(ctx, args)
	if err != nil && out.written() == 0 && wantsJSON(args) {
		return &jsonFailure{err: err, out: out}
	}
	return err
}

// counter is standard output that counts what was written to it.
type counter interface {
	io.Writer
	written() int64
}

type countingWriter struct {
	io.Writer
	n int64
}

func (w *countingWriter) Write(p []byte) (int, error) {
	n, err := w.Writer.Write(p)
	w.n += int64(n)
	return n, err
}

func (w *countingWriter) written() int64 { return w.n }

// countingFile keeps the file's descriptor visible, so terminal detection
// still sees a terminal.
type countingFile struct {
	*os.File
	n int64
}

func (w *countingFile) Write(p []byte) (int, error) {
	n, err := w.File.Write(p)
	w.n += int64(n)
	return n, err
}

func (w *countingFile) written() int64 { return w.n }

func countOutput(w io.Writer) counter {
	if f, ok := w.(*os.File); ok {
		return &countingFile{File: f}
	}
	if w == nil {
		w = io.Discard
	}
	return &countingWriter{Writer: w}
}

// newApp builds the command line. Every command translates flags into
// options and calls package lab; none holds logic of its own.
func newApp(s streams) *cli.App {
	if s.LookupEnv == nil {
		s.LookupEnv = os.LookupEnv
	}
	app := &cli.App{
		Name:                 "mesoslab",
		Usage:                "a highly available Apache Mesos lab on your laptop",
		Version:              buildVersion().Version,
		Suggest:              true,
		EnableBashCompletion: true,
		Reader:               s.In,
		Writer:               s.Out,
		ErrWriter:            s.Err,
		Flags:                commonFlags(),
		// Errors are printed and mapped to exit codes by exitCode, once.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return usagef("%s", usageText(c, err))
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("unknown command %q%s", c.Args().First(), suggest(c.Args().First(), c.App.VisibleCommands()))
			}
			return cli.ShowAppHelp(c)
		},
		Commands: []*cli.Command{
			initCommand(s),
			doctorCommand(s),
			planCommand(s),
			upCommand(s),
			provisionCommand(s),
			statusCommand(s),
			verifyCommand(s),
			sshCommand(s),
			logsCommand(s),
			demoCommand(s),
			failoverCommand(s),
			uiCommand(s),
			sshResetCommand(s),
			haltCommand(s),
			destroyCommand(s),
			renderCommand(s),
			versionCommand(s),
			listCommand(s),
			cacheCommand(s),
			completionCommand(s),
		},
	}
	for _, cmd := range app.Commands {
		cmd.Flags = append(cmd.Flags, commonFlags()...)
		cmd.OnUsageError = app.OnUsageError
		rejectArgs(cmd, "")
	}
	return app
}

// rejectArgs makes every command that takes no arguments (ArgsUsage " ")
// say so, once for all, instead of silently ignoring a stray word.
func rejectArgs(cmd *cli.Command, parent string) {
	name := strings.TrimSpace(parent + " " + cmd.Name)
	for _, sub := range cmd.Subcommands {
		rejectArgs(sub, name)
	}
	if cmd.ArgsUsage != " " || len(cmd.Subcommands) > 0 || cmd.Before != nil {
		return
	}
	cmd.Before = func(c *cli.Context) error {
		if c.NArg() > 0 {
			return usagef("%s takes no arguments, got %q", name, c.Args().First())
		}
		return nil
	}
}

// suggest names the closest command, for a mistyped one, with urfave/cli's
// own Jaro-Winkler suggester.
func suggest(name string, cmds []*cli.Command) string {
	if cli.SuggestCommand == nil {
		return ""
	}
	if s := cli.SuggestCommand(cmds, name); s != "" && !strings.Contains(s, `"help"`) && !strings.Contains(s, `"h"`) {
		return ". " + s
	}
	return ""
}
