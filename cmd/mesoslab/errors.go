package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/doctor"
)

// Exit codes, decided in one place.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2 // bad usage or invalid configuration
	exitInterrupted = 130
	exitTerminated  = 143 // 128+15, as shells report a SIGTERM
)

// usageError is a mistake in how mesoslab was called.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// exitStatus lets a command choose its exit code without printing anything
// more (doctor and verify print their own report, then exit 1).
type exitStatus struct {
	code int
	msg  string
}

func (e *exitStatus) Error() string { return e.msg }

// jsonFailure marks the error of a run that asked for --output json and
// printed nothing on stdout: exitCode prints it there as one document.
type jsonFailure struct {
	err error
	out io.Writer
}

func (e *jsonFailure) Error() string { return e.err.Error() }
func (e *jsonFailure) Unwrap() error { return e.err }

// errorDoc is what a failed command prints on stdout with --output json
// when it printed nothing else: {"error": {"message", "findings",
// "exit_code"}}, so a script always has one document to read.
type errorDoc struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Message  string         `json:"message"`
	Findings []errorFinding `json:"findings"`
	ExitCode int            `json:"exit_code"`
}

// errorFinding is one thing wrong: a configuration problem (key, value,
// source, line), a failed host check or probe (key is its ID), or a failed
// node (key is the node, log its full log).
type errorFinding struct {
	Key     string `json:"key,omitempty"`
	Value   string `json:"value,omitempty"`
	Message string `json:"message"`
	Fix     string `json:"fix,omitempty"`
	Source  string `json:"source,omitempty"`
	Line    int    `json:"line,omitempty"`
	Log     string `json:"log,omitempty"`
}

// exitCode prints err once, in the form its kind deserves, and returns the
// process's exit code. With --output json and nothing printed yet, stdout
// gets the error as one JSON document too.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	code, text := classify(err)
	if text != "" {
		fmt.Fprintln(stderr, text)
	}
	var jf *jsonFailure
	if errors.As(err, &jf) {
		msg := describe(err)
		if msg == "" {
			msg = fmt.Sprintf("exit status %d", code)
		}
		doc := errorDoc{errorBody{Message: msg, Findings: findings(err), ExitCode: code}}
		enc := json.NewEncoder(jf.out)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(doc)
	}
	return code
}

// classify decides the exit code and the text for stderr.
func classify(err error) (int, string) {
	var (
		ve *config.ValidationError
		ue *usageError
		es *exitStatus
		ne *lab.NotExistError
		re *lab.UnroutedError
	)
	switch {
	case errors.As(err, &es):
		if es.msg != "" {
			return es.code, "mesoslab: " + es.msg
		}
		return es.code, ""
	case errors.As(err, &ve):
		return exitUsage, "mesoslab: " + ve.Error()
	case errors.As(err, &ne):
		// The domain's sentence alone: which command asked is obvious.
		return exitFailure, "mesoslab: " + ne.Error()
	case errors.As(err, &re):
		return exitFailure, "mesoslab: " + re.Error()
	case errors.As(err, &ue):
		return exitUsage, "mesoslab: " + ue.msg + "\nRun `mesoslab --help` for usage."
	case errors.Is(err, context.Canceled):
		return exitInterrupted, "mesoslab: interrupted: " + err.Error()
	default:
		return exitFailure, "mesoslab: " + describe(err)
	}
}

// describe is err's message in the user's words: a missing tool says what
// to install instead of Go's `exec: "vagrant": executable file not found`.
func describe(err error) string {
	var ee *exec.Error
	if errors.As(err, &ee) && errors.Is(ee.Err, exec.ErrNotFound) {
		hint := fmt.Sprintf("`%s` is not installed (not on PATH)", ee.Name)
		if what, fix, ok := doctor.InstallHint(ee.Name, ""); ok {
			hint = fmt.Sprintf("%s is not installed (no `%s` on PATH): %s (`mesoslab doctor` checks everything the lab needs)", what, ee.Name, fix)
		}
		// Only Go's words are replaced: what the lab was doing, and what it
		// left unchanged, stays in the message.
		if msg := err.Error(); strings.Contains(msg, ee.Error()) {
			return strings.Replace(msg, ee.Error(), hint, 1)
		}
		return hint
	}
	var es *exitStatus
	if errors.As(err, &es) {
		return es.msg
	}
	var ue *usageError
	if errors.As(err, &ue) {
		return ue.msg
	}
	return err.Error()
}

// findings lists what the error knows item by item; empty, never null.
func findings(err error) []errorFinding {
	out := []errorFinding{}
	var (
		ve *config.ValidationError
		pe *lab.PreflightError
		ne lab.NodeErrors
		n1 *lab.NodeError
		he *lab.UnhealthyError
		de *lab.DriftError
	)
	switch {
	case errors.As(err, &ve):
		for _, p := range ve.Problems {
			out = append(out, errorFinding{Key: p.Key, Value: p.Value, Message: p.Message, Fix: p.Fix, Source: p.Source, Line: p.Line})
		}
	case errors.As(err, &pe):
		for _, r := range pe.Failed {
			out = append(out, errorFinding{Key: r.ID, Message: r.Finding, Fix: r.Fix})
		}
	case errors.As(err, &ne):
		for _, e := range ne {
			out = append(out, nodeFinding(e))
		}
	case errors.As(err, &n1):
		out = append(out, nodeFinding(n1))
	case errors.As(err, &he):
		for _, c := range he.Report.Problems() {
			out = append(out, errorFinding{Key: c.ID, Message: c.Finding, Fix: c.Fix})
		}
	case errors.As(err, &de):
		for _, c := range de.Changes {
			out = append(out, errorFinding{Key: de.Lab, Message: c, Fix: "undo the change, or rebuild with `mesoslab destroy --lab " + de.Lab + "` then `mesoslab up`"})
		}
	}
	return out
}

func nodeFinding(e *lab.NodeError) errorFinding {
	return errorFinding{Key: e.Node, Message: e.Step + " failed: " + fmt.Sprint(e.Err), Fix: e.Advice, Log: e.Log}
}
