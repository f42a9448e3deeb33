// Package golden compares what a test produced with a golden file under
// testdata/, and rewrites the file instead when the test binary runs with
// -update, so that a change meant to alter output is one command and a
// reviewed diff: go test ./PACKAGE -run TEST -update.
//
// The -update flag is registered here, once, for every package whose tests
// import golden; only tests import it.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ instead of comparing with them")

// Check compares got with the golden file at path and reports a
// difference as a test error that shows both. With -update it first
// writes got to path, creating its directory. A missing file is fatal and
// says how to create it.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -run %s -update rewrites it):\n--- got\n%s\n--- want\n%s",
			path, t.Name(), got, want)
	}
}
