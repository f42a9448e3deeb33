package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that keeps what Check reports instead of
// failing the test that runs it.
type recorder struct {
	testing.TB
	errors, fatals int
}

func (r *recorder) Helper()               {}
func (r *recorder) Name() string          { return "TestRecorded" }
func (r *recorder) Errorf(string, ...any) { r.errors++ }
func (r *recorder) Fatal(...any)          { r.fatals++; panic(r) }
func (r *recorder) Fatalf(string, ...any) {
	r.fatals++
	panic(r)
}

// check runs Check with a recorder, catching the panic that stands for a
// fatal failure.
func check(path string, got []byte, updating bool) (r *recorder) {
	r = &recorder{}
	old := *update
	*update = updating
	defer func() {
		*update = old
		if p := recover(); p != nil && p != r {
			panic(p)
		}
	}()
	Check(r, path, got)
	return r
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	same := filepath.Join(dir, "same.golden")
	if err := os.WriteFile(same, []byte("a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name           string
		path           string
		got            string
		update         bool
		errors, fatals int
	}{
		{name: "equal", path: same, got: "a\n"},
		{name: "different", path: same, got: "b\n", errors: 1},
		{name: "missing", path: filepath.Join(dir, "missing.golden"), got: "a\n", fatals: 1},
		{name: "update writes a new file", path: filepath.Join(dir, "new", "x.golden"), got: "c\n", update: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := check(tc.path, []byte(tc.got), tc.update)
			if r.errors != tc.errors || r.fatals != tc.fatals {
				t.Errorf("errors %d, fatals %d; want %d, %d", r.errors, r.fatals, tc.errors, tc.fatals)
			}
		})
	}
	if b, err := os.ReadFile(filepath.Join(dir, "new", "x.golden")); err != nil || string(b) != "c\n" {
		t.Errorf("-update wrote %q, %v; want \"c\\n\"", b, err)
	}
}
