package provision

import (
	"errors"
	"fmt"
)

// SourceError is the failure of a step that installs from one of the lab's
// sources (an apt repository and its key, an image, a release URL). It names
// the mesoslab.yaml key that holds the source, so that a user can point the
// lab at a mirror or a newer release without reading a command's output.
type SourceError struct {
	Key     string // lab spec key, such as "sources.mesos.key_url"
	Value   string // the source as used: a URL, an image, a package
	Problem string // what is wrong with it ("the key expired on 2024-09-28")
	Fix     string // what to change
	Err     error  // the failed command's error, if any
}

// Error reads "KEY = VALUE: PROBLEM; fix: FIX", then the command's error.
func (e *SourceError) Error() string {
	msg := fmt.Sprintf("%s = %s: %s; fix: %s", e.Key, e.Value, e.Problem, e.Fix)
	if e.Err != nil {
		msg += "\n" + e.Err.Error()
	}
	return msg
}

// Unwrap returns the command's error.
func (e *SourceError) Unwrap() error { return e.Err }

// ExitStatus returns the exit status of a command that ran and failed, or -1
// when err is no such failure (a lost connection, a timeout, cancellation):
// only a real exit says something about the source.
func ExitStatus(err error) int {
	var ce *CmdError
	if errors.As(err, &ce) && ce.Err == nil {
		return ce.ExitCode
	}
	return -1
}

// CurlProblem explains curl's exit status in words about the source.
func CurlProblem(code int) string {
	switch code {
	case 6:
		return "its host name does not resolve (curl exit 6)"
	case 7:
		return "its host refuses the connection or cannot be reached (curl exit 7)"
	case 22:
		return "the server answered with an HTTP error such as 404 Not Found (curl exit 22)"
	case 28:
		return "the download timed out (curl exit 28)"
	case 35, 60:
		return fmt.Sprintf("the TLS connection failed (curl exit %d)", code)
	case 37:
		return "the file cannot be read (curl exit 37)"
	default:
		return fmt.Sprintf("the download failed (curl exit %d)", code)
	}
}
