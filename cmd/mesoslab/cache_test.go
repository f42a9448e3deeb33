package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab/cache"
	"github.com/mesoslab/mesoslab/provision"
)

// TestCacheCommands runs list, size, clear, export and import in memory on
// a cache in a temp MESOSLAB_HOME, text and JSON, with their bad inputs.
func TestCacheCommands(t *testing.T) {
	home, out := t.TempDir(), t.TempDir()
	st, err := cache.Open(cache.Dir(home))
	if err != nil {
		t.Fatal(err)
	}
	for kind, name := range map[provision.CacheKind]string{provision.CacheDeb: "zookeeperd_3.8.0-11_all.deb", provision.CacheImage: "mesosphere/chronos:v3.0.0"} {
		if _, err := st.Keep(kind, name, strings.NewReader("content of "+name)); err != nil {
			t.Fatal(err)
		}
	}
	archive := filepath.Join(out, "workshop.tar.gz")
	env := map[string]string{"MESOSLAB_HOME": home, "VAGRANT_HOME": t.TempDir()}
	other := map[string]string{"MESOSLAB_HOME": t.TempDir(), "VAGRANT_HOME": t.TempDir()}
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{"list", env, []string{"cache", "list"}, 0, "zookeeperd_3.8.0-11_all.deb", ""},
		{"list json", env, []string{"cache", "list", "-o", "json"}, 0, `"name": "mesosphere/chronos:v3.0.0"`, ""},
		{"list one kind", env, []string{"cache", "list", "--kind", "image"}, 0, "chronos", ""},
		{"bad kind", env, []string{"cache", "list", "--kind", "debs"}, 2, "", "--kind"},
		{"size", env, []string{"cache", "size"}, 0, "total", ""},
		{"size json", env, []string{"cache", "size", "-o", "json"}, 0, `"entries": 2`, ""},
		{"export", env, []string{"cache", "export", archive}, 0, "wrote", ""},
		{"export refuses to overwrite", env, []string{"cache", "export", archive}, 2, "", "--force"},
		{"export overwrites with --force", env, []string{"cache", "export", archive, "--force"}, 0, "2 cached files", ""},
		{"export into a missing folder", env, []string{"cache", "export", filepath.Join(out, "no", "x.tar.gz")}, 2, "", "does not exist"},
		{"export into a folder", env, []string{"cache", "export", out}, 2, "", filepath.Join(out, "workshop-cache.tar.gz")},
		{"export without a file", env, []string{"cache", "export"}, 2, "", "workshop-cache.tar.gz"},
		{"import elsewhere", other, []string{"cache", "import", archive, "-o", "json"}, 0, `"entries": 2`, ""},
		{"import a missing file", other, []string{"cache", "import", filepath.Join(out, "nope.tar.gz")}, 2, "", "no such archive"},
		{"list after import", other, []string{"cache", "list"}, 0, "zookeeperd", ""},
		{"clear one kind", env, []string{"cache", "clear", "--kind", "deb"}, 0, "removed 1 cached files", ""},
		{"clear all json", env, []string{"cache", "clear", "-o", "json"}, 0, `"entries": 1`, ""},
		{"list empty", env, []string{"cache", "list"}, 0, "is empty", ""},
	}
	for _, tt := range tests {
		stdout, stderr, code := run(t, tt.env, tt.args...)
		if code != tt.wantCode || !strings.Contains(stdout, tt.wantOut) || !strings.Contains(stderr, tt.wantErr) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d, %q, %q", tt.name, code, stdout, stderr, tt.wantCode, tt.wantOut, tt.wantErr)
		}
	}
	if _, err := os.Stat(archive); err != nil {
		t.Error(err)
	}
}
