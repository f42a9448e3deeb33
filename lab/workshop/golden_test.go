package workshop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// golden compares got with testdata/golden/NAME; -update rewrites it.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -run %s -update rewrites it):\n--- got\n%s\n--- want\n%s",
			path, t.Name(), got, want)
	}
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
