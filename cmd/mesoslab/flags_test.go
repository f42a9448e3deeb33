package main

import (
	"slices"
	"strings"
	"testing"
)

// TestConventionalArgs: flags after positionals move in front of them, per
// command, with their values; `--` and what follows stay where they are.
func TestConventionalArgs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"ui flag after component", "ui marathon --print", "ui --print marathon"},
		{"failover flag after drill", "failover mesos --force", "failover --force mesos"},
		{"value flag keeps its value", "failover mesos --wait 2m --force", "failover --wait 2m --force mesos"},
		{"flag=value", "failover mesos --wait=2m", "failover --wait=2m mesos"},
		{"global flag after node", "ssh master1 --lab other", "ssh --lab other master1"},
		{"short alias with value", "ui dns -o json", "ui -o json dns"},
		{"remote command untouched", "ssh master1 --lab other -- ls --lab -o json", "ssh --lab other master1 -- ls --lab -o json"},
		{"unknown word of a remote command stays", "ssh master1 ls -la", "ssh master1 ls -la"},
		{"unknown flag moves so urfave reports it", "ui marathon --prnt", "ui --prnt marathon"},
		{"help after positional", "ssh master1 --help", "ssh --help master1"},
		{"subcommand flags", "demo logs --follow --agent agent2", "demo logs --follow --agent agent2"},
		{"global before command", "--lab x plan --masters 1", "--lab x plan --masters 1"},
		{"unknown command keeps its words", "paln --masters 3", "paln --masters 3"},
		{"flags already first", "ui --print marathon", "ui --print marathon"},
		{"stdin dash is positional", "ssh-reset - --lab x", "ssh-reset --lab x -"},
		{"completion flag stays last", "ui marathon --print --generate-bash-completion", "ui --print marathon --generate-bash-completion"},
	}
	app := newApp(streams{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]string{"mesoslab"}, strings.Fields(tt.in)...)
			got := conventionalArgs(app, in)
			want := append([]string{"mesoslab"}, strings.Fields(tt.want)...)
			if !slices.Equal(got, want) {
				t.Errorf("conventionalArgs(%q)\n got %q\nwant %q", tt.in, got, want)
			}
		})
	}
}

// TestFlagsAfterArgumentsReachTheCommand runs whole commands: the flag after
// the positional is parsed as a flag, not passed on as a word.
func TestFlagsAfterArgumentsReachTheCommand(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		// --lab other is read by mesoslab: the lab it names is not built.
		{"ssh --lab after node", []string{"ssh", "master1", "--lab", "other"}, exitFailure, `lab "other" does not exist`},
		{"plan --masters after nothing", []string{"plan", "-o", "json", "--masters", "2"}, exitUsage, "2 masters cannot form a quorum"},
		{"failover unknown flag after drill", []string{"failover", "mesos", "--forse"}, exitUsage, "`mesoslab failover` has no option --forse; did you mean --force?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := run(t, nil, tt.args...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("exit %d, want %d; stderr does not say %q:\n%s", code, tt.wantCode, tt.wantErr, stderr)
			}
		})
	}
}
