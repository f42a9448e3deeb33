package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/mesoslab/mesoslab/lab"
)

// Exit codes, decided in one place.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2 // bad usage or invalid configuration
	exitInterrupted = 130
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

// exitCode prints err once, in the form its kind deserves, and returns the
// process's exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var (
		ve *lab.ValidationError
		ue *usageError
		es *exitStatus
		ne *lab.NotExistError
		re *lab.UnroutedError
	)
	switch {
	case errors.As(err, &es):
		if es.msg != "" {
			fmt.Fprintln(stderr, "mesoslab:", es.msg)
		}
		return es.code
	case errors.As(err, &ve):
		fmt.Fprintln(stderr, "mesoslab:", ve.Error())
		return exitUsage
	case errors.As(err, &ne):
		// The domain's sentence alone: which command asked is obvious.
		fmt.Fprintln(stderr, "mesoslab:", ne.Error())
		return exitFailure
	case errors.As(err, &re):
		fmt.Fprintln(stderr, "mesoslab:", re.Error())
		return exitFailure
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "mesoslab: %s\nRun `mesoslab --help` for usage.\n", ue.msg)
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "mesoslab: interrupted:", err)
		return exitInterrupted
	default:
		fmt.Fprintln(stderr, "mesoslab:", err)
		return exitFailure
	}
}
