package workshop

import (
	"path/filepath"
	"strings"
	"testing"

	goldenfile "github.com/mesoslab/mesoslab/internal/golden"
)

// golden compares got with testdata/golden/NAME; -update rewrites it.
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "golden", name), []byte(got))
}

// timelineText renders events as the commands print them.
func timelineText(t *testing.T, events []Event) string {
	t.Helper()
	var b strings.Builder
	if err := WriteTimeline(&b, events); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
