package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// The Go flag package's messages, which usageText rewrites.
var (
	badValueRe    = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-([\w-]+): `)
	unknownFlagRe = regexp.MustCompile(`^flag provided but not defined: -([\w-]+)$`)
	needsValueRe  = regexp.MustCompile(`^flag needs an argument: -([\w-]+)$`)
)

// valueHints say what a flag takes, beyond its type.
var valueHints = map[string]string{
	"memory": "use MB, e.g. 4096", "masters": "use 1, 3 or 5", "agents": "e.g. 3", "cpus": "e.g. 2",
	"parallel": "use 1 to 16, e.g. 3", "provision-parallel": "use 1 to 64, or 0 for all nodes",
	"wait": "use a duration such as 90s or 5m",
}

// usageText turns a flag parse error into the user's words:
// `--memory "abc": not a number; use MB, e.g. 4096` instead of
// `invalid value "abc" for flag -memory: parse error`.
func usageText(c *cli.Context, err error) string {
	msg := err.Error()
	var flags []cli.Flag
	cmdName := "mesoslab"
	if c != nil && c.Command != nil {
		flags = c.Command.Flags
		if c.Command.Name != c.App.Name {
			cmdName = "mesoslab " + c.Command.Name
		}
	}
	if m := badValueRe.FindStringSubmatch(msg); m != nil {
		name, value := m[2], m[1]
		what := "not a valid value"
		switch findFlag(flags, name).(type) {
		case *cli.IntFlag, *cli.Int64Flag, *cli.UintFlag, *cli.Float64Flag:
			what = "not a number"
		case *cli.DurationFlag:
			what = "not a duration"
		case *cli.BoolFlag:
			what = "not true or false"
		}
		if hint := valueHints[name]; hint != "" {
			what += "; " + hint
		}
		return fmt.Sprintf("%s %q: %s", dashed(name), value, what)
	}
	if m := unknownFlagRe.FindStringSubmatch(msg); m != nil {
		text := fmt.Sprintf("`%s` has no option %s", cmdName, dashed(m[1]))
		if cli.SuggestFlag != nil {
			// Jaro-Winkler always finds something; a guess with another
			// first letter is noise.
			if s := cli.SuggestFlag(flags, m[1], true); s != "" && strings.TrimLeft(s, "-")[0] == m[1][0] {
				text += "; did you mean " + s + "?"
			}
		}
		return text + " (see `" + cmdName + " --help`)"
	}
	if m := needsValueRe.FindStringSubmatch(msg); m != nil {
		hint := valueHints[m[1]]
		if hint != "" {
			hint = ": " + hint
		}
		return fmt.Sprintf("%s needs a value%s", dashed(m[1]), hint)
	}
	return msg
}

func findFlag(flags []cli.Flag, name string) cli.Flag {
	for _, f := range flags {
		if slices.Contains(f.Names(), name) {
			return f
		}
	}
	return nil
}

// dashed writes a flag as the help does: -o, --memory.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}
