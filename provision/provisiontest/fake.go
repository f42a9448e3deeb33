// Package provisiontest provides a scripted fake provision.Runner, so steps
// and plans can be tested without a node: rules map a command pattern to the
// output and exit code a real node would give, and the fake records every
// command it receives.
package provisiontest

import (
	"context"
	"fmt"
	"regexp"
	"sync"

	"github.com/mesoslab/mesoslab/provision"
)

// NoRuleExit is the exit code of a command that no rule matches, as a shell
// answers an unknown command.
const NoRuleExit = 127

// Fake is a provision.Runner that answers from rules. It is safe for
// concurrent use, including rules added while commands run.
type Fake struct {
	host      string
	mu        sync.Mutex
	rules     []*Rule
	cmds      []provision.Command
	unmatched []string
}

var _ provision.Runner = (*Fake)(nil)

// New returns a Fake for the node called host, with no rules.
func New(host string) *Fake { return &Fake{host: host} }

// Rule answers the commands that match its pattern. Its methods set how and
// return the rule, so a rule reads as one line.
type Rule struct {
	f      *Fake
	re     *regexp.Regexp
	stdout string
	stderr string
	exit   int
	err    error
	times  int // 0: no limit
	used   int
	do     func(provision.Command)
	fn     func(context.Context, provision.Command) (provision.Result, error)
}

// On adds a rule for commands whose text matches the regular expression
// pattern. Rules are tried in the order they were added; the first that
// matches and has uses left answers. By default a rule prints nothing and
// exits 0. On panics on an invalid pattern, as regexp.MustCompile does.
func (f *Fake) On(pattern string) *Rule {
	r := &Rule{f: f, re: regexp.MustCompile(pattern)}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules = append(f.rules, r)
	return r
}

// Stdout sets what the command prints on standard output.
func (r *Rule) Stdout(s string) *Rule { return r.set(func() { r.stdout = s }) }

// Stderr sets what the command prints on standard error.
func (r *Rule) Stderr(s string) *Rule { return r.set(func() { r.stderr = s }) }

// Exit sets the command's exit code.
func (r *Rule) Exit(code int) *Rule { return r.set(func() { r.exit = code }) }

// Fail makes the command fail without an exit code, as a dropped connection
// does; the Runner's error wraps err.
func (r *Rule) Fail(err error) *Rule { return r.set(func() { r.err = err }) }

// Times limits the rule to its first n matches; later commands fall through
// to the next rule. It scripts a state that changes: "absent" once, then
// "present".
func (r *Rule) Times(n int) *Rule { return r.set(func() { r.times = n }) }

// Do runs fn with each matching command before answering it, for side
// effects such as recording an upload's stdin.
func (r *Rule) Do(fn func(provision.Command)) *Rule { return r.set(func() { r.do = fn }) }

// Func answers matching commands with fn instead of the fixed output; fn can
// block on ctx to stand for a long command.
func (r *Rule) Func(fn func(context.Context, provision.Command) (provision.Result, error)) *Rule {
	return r.set(func() { r.fn = fn })
}

func (r *Rule) set(fn func()) *Rule {
	r.f.mu.Lock()
	defer r.f.mu.Unlock()
	fn()
	return r
}

// Run records c and answers it from the first matching rule. A command that
// no rule matches exits NoRuleExit and is listed by Unmatched.
func (f *Fake) Run(ctx context.Context, c provision.Command) (provision.Result, error) {
	f.mu.Lock()
	f.cmds = append(f.cmds, c)
	var rule Rule
	found := false
	for _, r := range f.rules {
		if (r.times == 0 || r.used < r.times) && r.re.MatchString(c.Cmd) {
			r.used++
			rule, found = *r, true
			break
		}
	}
	if !found {
		f.unmatched = append(f.unmatched, c.Cmd)
	}
	f.mu.Unlock()

	if err := ctx.Err(); err != nil {
		return provision.Result{ExitCode: -1}, &provision.CmdError{Host: f.host, Cmd: c.Cmd, ExitCode: -1, Err: err}
	}
	if !found {
		res := provision.Result{ExitCode: NoRuleExit, Stderr: []byte("provisiontest: no rule matches this command\n")}
		return res, f.exitError(c, res)
	}
	if rule.do != nil {
		rule.do(c)
	}
	if rule.fn != nil {
		return rule.fn(ctx, c)
	}
	if rule.err != nil {
		return provision.Result{ExitCode: -1}, &provision.CmdError{Host: f.host, Cmd: c.Cmd, ExitCode: -1,
			Err: fmt.Errorf("%w: %w", provision.ErrConnectionLost, rule.err)}
	}
	res := provision.Result{Stdout: []byte(rule.stdout), Stderr: []byte(rule.stderr), ExitCode: rule.exit}
	if res.ExitCode != 0 {
		return res, f.exitError(c, res)
	}
	return res, nil
}

// ExitError builds the error a real Runner returns for res, for Func rules.
func (f *Fake) ExitError(c provision.Command, res provision.Result) error { return f.exitError(c, res) }

func (f *Fake) exitError(c provision.Command, res provision.Result) error {
	return &provision.CmdError{Host: f.host, Cmd: c.Cmd, ExitCode: res.ExitCode, Stdout: res.Stdout, Stderr: res.Stderr}
}

// Commands returns every command received so far, in order.
func (f *Fake) Commands() []provision.Command {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]provision.Command(nil), f.cmds...)
}

// CommandLines returns the text of every command received so far, in order.
func (f *Fake) CommandLines() []string {
	var lines []string
	for _, c := range f.Commands() {
		lines = append(lines, c.Cmd)
	}
	return lines
}

// Count returns how many received commands match the regular expression
// pattern; tests use it to prove that a converged step sent no change.
func (f *Fake) Count(pattern string) int {
	re := regexp.MustCompile(pattern)
	n := 0
	for _, c := range f.Commands() {
		if re.MatchString(c.Cmd) {
			n++
		}
	}
	return n
}

// Unmatched returns the commands that no rule matched.
func (f *Fake) Unmatched() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.unmatched...)
}
