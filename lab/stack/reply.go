package stack

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Reply is an HTTP answer read in full.
type Reply struct {
	// Method and URL are the request's.
	Method, URL string
	// Code is the HTTP status.
	Code   int
	Header http.Header
	Body   []byte
}

// Decode reads the answer's JSON into v.
func (r Reply) Decode(v any) error {
	if err := json.Unmarshal(r.Body, v); err != nil {
		return fmt.Errorf("%s %s: decoding %q: %w", r.Method, r.URL, Snippet(r.Body), err)
	}
	return nil
}

// StatusError returns the *StatusError for this answer's status.
func (r Reply) StatusError() error {
	return &StatusError{Method: r.Method, URL: r.URL, Code: r.Code, Body: Snippet(r.Body)}
}

// StatusError is an HTTP answer with a status the call did not expect.
type StatusError struct {
	Method, URL string
	Code        int
	// Body is the start of the answer, on one line.
	Body string
}

// Error names the call, the status and the start of the answer.
func (e *StatusError) Error() string {
	if e.Body == "" {
		return fmt.Sprintf("%s %s: HTTP %d", e.Method, e.URL, e.Code)
	}
	return fmt.Sprintf("%s %s: HTTP %d: %s", e.Method, e.URL, e.Code, e.Body)
}

// Snippet keeps error text to one short line: the words of b, cut at 160
// characters.
func Snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 160 {
		s = s[:157] + "..."
	}
	return s
}

// ErrNotFound is wrapped by the errors of calls whose object does not exist
// (an app Marathon does not know, a job Chronos does not, a file or task an
// agent does not hold).
var ErrNotFound = errors.New("not found")
