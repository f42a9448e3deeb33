package doctor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each file under testdata/errors is named after the KnownError id it must
// match (any "-suffix" names a variant); "none-*" files must match nothing.
func TestMatchKnownError(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "errors", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no error fixtures: %v", err)
	}
	ids := map[string]bool{}
	for _, k := range KnownErrors() {
		ids[k.ID] = true
	}
	matched := map[string]bool{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		want, _, _ := strings.Cut(name, "-")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got, found := MatchKnownError(string(b))
			if want == "none" {
				if found {
					t.Errorf("matched %s, want no match", got.ID)
				}
				return
			}
			if !ids[want] {
				t.Fatalf("fixture names unknown id %s", want)
			}
			if !found || got.ID != want {
				t.Errorf("matched %q (found %v), want %s", got.ID, found, want)
			}
			if got.Explanation == "" || got.Fix == "" {
				t.Errorf("%s lacks an explanation or a fix: %+v", got.ID, got)
			}
			matched[got.ID] = true
		})
	}
	for id := range ids {
		if !matched[id] {
			t.Errorf("no fixture under testdata/errors exercises %s", id)
		}
	}
}

func TestKnownErrorIDsAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range KnownErrors() {
		if seen[k.ID] {
			t.Errorf("duplicate id %s", k.ID)
		}
		seen[k.ID] = true
	}
}
