package provisiontest

import (
	"errors"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
)

// WantSourceError fails t unless err holds a *provision.SourceError that
// names the spec key and whose message says every one of parts: a source
// that fails must tell the user which key to change, and how.
func WantSourceError(t testing.TB, err error, key string, parts ...string) {
	t.Helper()
	var se *provision.SourceError
	if !errors.As(err, &se) {
		t.Fatalf("want a *SourceError for %s, got %v", key, err)
	}
	if se.Key != key {
		t.Errorf("error names %s, want %s: %v", se.Key, key, se)
	}
	for _, p := range parts {
		if !strings.Contains(se.Error(), p) {
			t.Errorf("error does not say %q:\n%v", p, se)
		}
	}
}
