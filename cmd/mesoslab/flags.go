package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/output"
	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/urfave/cli/v2"
)

// commonFlags are accepted before and after the command name, so
// `mesoslab --output json plan` and `mesoslab plan --output json` agree.
func commonFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "lab", Usage: "name of the lab to act on (default \"default\") [$MESOSLAB_LAB]"},
		&cli.StringFlag{Name: "config", Usage: "configuration file (default: the lab directory's mesoslab.yaml) [$MESOSLAB_CONFIG]"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "output format: text or json", Value: "text"},
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "show more detail"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "show only errors and results"},
	}
}

// topologyFlags shape the lab; they win over MESOSLAB_* variables and the
// configuration file. Their environment variables are read by package lab,
// which knows the order the sources apply in.
//
// They hold no Value, so that an unset flag is told apart from one set to the
// default; help shows lab.Default()'s value instead.
func topologyFlags() []cli.Flag {
	d := config.Default()
	defaults := map[string]string{
		"masters": strconv.Itoa(d.Masters), "agents": strconv.Itoa(d.Agents),
		"memory": strconv.Itoa(d.MemoryMB), "cpus": strconv.Itoa(d.CPUs),
		"box": d.Box, "provider": d.Provider,
		"subnet": d.Subnet + ", or the next free /24 when another lab has it",
	}
	var flags []cli.Flag
	for _, s := range config.Settings {
		usage := fmt.Sprintf("%s [$%s]", s.Usage, s.Env)
		switch s.Key {
		case "masters", "agents", "memory", "cpus":
			flags = append(flags, &cli.IntFlag{Name: s.Flag, Usage: usage, DefaultText: defaults[s.Key]})
		default:
			flags = append(flags, &cli.StringFlag{Name: s.Flag, Usage: usage, DefaultText: defaults[s.Key]})
		}
	}
	return flags
}

// flagOverrides collects the topology flags that were set.
func flagOverrides(c *cli.Context) config.Overrides {
	var o config.Overrides
	ints := map[string]**int{"masters": &o.Masters, "agents": &o.Agents, "memory": &o.MemoryMB, "cpus": &o.CPUs}
	strs := map[string]**string{"box": &o.Box, "subnet": &o.Subnet, "provider": &o.Provider}
	for name, dst := range ints {
		if c.IsSet(name) {
			v := c.Int(name)
			*dst = &v
		}
	}
	for name, dst := range strs {
		if c.IsSet(name) {
			v := c.String(name)
			*dst = &v
		}
	}
	return o
}

// commonEnv are the environment variables of common flags. They are read
// through streams, not by urfave/cli, so tests control them too.
var commonEnv = map[string]string{"lab": "MESOSLAB_LAB", "config": "MESOSLAB_CONFIG"}

// common reads a flag of commonFlags wherever it was given: on the command
// or before it (urfave/cli v2 would otherwise return the command's default),
// then its environment variable.
func (s streams) common(c *cli.Context, name string) string {
	for _, ctx := range c.Lineage() {
		if ctx.IsSet(name) {
			return ctx.String(name)
		}
	}
	if v := s.getenv(commonEnv[name]); commonEnv[name] != "" && v != "" {
		return v
	}
	return c.String(name)
}

// commonBool is common for boolean flags.
func commonBool(c *cli.Context, name string) bool {
	for _, ctx := range c.Lineage() {
		if ctx.IsSet(name) {
			return ctx.Bool(name)
		}
	}
	return false
}

// outputJSON reports whether --output json was asked for, rejecting other
// formats.
func outputJSON(c *cli.Context) (bool, error) {
	switch f := (streams{LookupEnv: noEnv}).common(c, "output"); f {
	case "text", "":
		return false, nil
	case "json":
		return true, nil
	default:
		return false, usagef("--output %q: use text or json", f)
	}
}

func noEnv(string) (string, bool) { return "", false }

// newProgress renders lab events at the detail -q and -v ask for.
func newProgress(c *cli.Context, pr *output.Printer, asJSON bool) *output.Progress {
	level := output.Normal
	switch {
	case commonBool(c, "quiet"):
		level = output.Quiet
	case commonBool(c, "verbose"):
		level = output.Verbose
	}
	return output.NewProgress(pr, asJSON, level)
}

// conventionalArgs lets flags follow positional arguments, as the README
// writes them (`mesoslab ui marathon --print`, `mesoslab ssh master1 --lab
// other`): urfave/cli v2 stops parsing at the first positional, so each
// command's flags are moved in front of its positionals before it parses.
// A value-taking flag keeps its value; everything from a bare `--` on is
// left untouched (ssh's remote command); the completion flag stays last.
func conventionalArgs(app *cli.App, args []string) []string {
	if len(args) == 0 {
		return args
	}
	rest, complete := args[1:], false
	if n := len(rest); n > 0 && rest[n-1] == "--generate-bash-completion" {
		rest, complete = rest[:n-1], true
	}
	root := &cli.Command{Flags: app.Flags, Subcommands: app.Commands}
	out := append([]string{args[0]}, reorder(root, rest, true)...)
	if complete {
		out = append(out, "--generate-bash-completion")
	}
	return out
}

// reorder moves cmd's flags before its positionals and descends into the
// subcommand its first positional names. A word that looks like a flag but
// is none of cmd's moves too, so urfave reports it, except after the root's
// unknown command and on a command that passes words through to a remote
// command (ArgsUsage with "--": `mesoslab ssh master1 ls -la`).
func reorder(cmd *cli.Command, args []string, root bool) []string {
	// help is added by urfave when the command runs.
	takesValue := map[string]bool{"help": false, "h": false}
	for _, f := range cmd.Flags {
		tv := false
		if d, ok := f.(cli.DocGenerationFlag); ok {
			tv = d.TakesValue()
		}
		for _, n := range f.Names() {
			takesValue[n] = tv
		}
	}
	passThrough := root || strings.Contains(cmd.ArgsUsage, "--")
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(append(flags, pos...), args[i:]...)
		}
		name, hasValue := flagName(a)
		tv, known := takesValue[name]
		switch {
		case name != "" && (known || !passThrough || len(pos) == 0):
			flags = append(flags, a)
			if tv && !hasValue && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		case len(pos) == 0 && subcommand(cmd, a) != nil:
			return append(append(flags, a), reorder(subcommand(cmd, a), args[i+1:], false)...)
		default:
			pos = append(pos, a)
		}
	}
	return append(flags, pos...)
}

// flagName is the name in "-x", "--name" or "--name=value"; "" for a word
// that is not a flag ("-" alone is a positional, as for stdin).
func flagName(a string) (name string, hasValue bool) {
	if len(a) < 2 || a[0] != '-' {
		return "", false
	}
	name = strings.TrimLeft(a, "-")
	if i := strings.IndexByte(name, '='); i >= 0 {
		return name[:i], true
	}
	return name, false
}

func subcommand(cmd *cli.Command, name string) *cli.Command {
	for _, sub := range cmd.Subcommands {
		if sub.HasName(name) {
			return sub
		}
	}
	return nil
}

// wantsJSON reports whether the (reordered) command line asks for
// --output json; words after a bare `--` belong to a remote command.
func wantsJSON(args []string) bool {
	for i, a := range args {
		switch a {
		case "--":
			return false
		case "-o", "--o", "-output", "--output":
			if i+1 < len(args) && args[i+1] == "json" {
				return true
			}
		case "-o=json", "--o=json", "-output=json", "--output=json":
			return true
		}
	}
	return false
}
