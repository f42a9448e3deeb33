package stacktest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The testdata trees whose files fakes serve, from this package's
// directory. Which files are payloads is PayloadDirs' rule: a file under
// testdata/{chronos,marathon,mesos,mesos-dns,zookeeper}/ is a payload and
// needs a source; testdata/golden/ and *.golden hold mesoslab's own output
// (renders, plans, timelines, CLI output) and are not payloads.
var payloadTrees = []string{
	"testdata",
	"../../workshop/testdata",
	"../../../provision/recipes/testdata",
	"../../../cmd/mesoslab/testdata",
}

// Every payload a fake serves names the upstream source of its routes,
// fields and status codes.
func TestEveryPayloadNamesItsUpstreamSource(t *testing.T) {
	payloads := 0
	for _, tree := range payloadTrees {
		if _, err := os.Stat(tree); err != nil {
			t.Fatalf("testdata tree %s: %v", tree, err)
		}
		for _, err := range CheckSources(tree) {
			t.Error(err)
		}
		for _, dir := range PayloadDirs {
			files, _ := filepath.Glob(filepath.Join(tree, dir, "*"))
			for _, f := range files {
				if !strings.HasSuffix(f, SourceSuffix) {
					payloads++
				}
			}
		}
	}
	if payloads < 43 {
		t.Errorf("found %d payloads; the walk missed the testdata trees", payloads)
	}
}

func TestCheckSourceRejects(t *testing.T) {
	good := "route GET /v1/version: mesosphere/mesos-dns@v0.6.0 resolver/resolver.go:481-482\n" +
		"field Version: mesosphere/mesos-dns@v0.6.0 resolver/resolver.go:556-561, 565\n"
	tests := []struct {
		name, source, want string
	}{
		{"no source", "", "no .source.txt"},
		{"no line", "route GET /v1/version: mesosphere/mesos-dns@v0.6.0 resolver/resolver.go\nfield Version: a/b@c d.go:1\n", "is not"},
		{"no repository", "route GET /v1/version: resolver/resolver.go:481\nfield Version: a/b@c d.go:1\n", "is not"},
		{"no route", "field Version: mesosphere/mesos-dns@v0.6.0 resolver/resolver.go:556\n", "no route"},
		{"json without field", "route GET /v1/version: mesosphere/mesos-dns@v0.6.0 resolver/resolver.go:481\n", "no field"},
		{"good", good, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			payload := filepath.Join(dir, "mesos-dns", "version.json")
			os.MkdirAll(filepath.Dir(payload), 0o755)
			os.WriteFile(payload, []byte(`{}`), 0o644)
			if tt.source != "" {
				os.WriteFile(payload+SourceSuffix, []byte(tt.source), 0o644)
			}
			errs := CheckSources(dir)
			switch {
			case tt.want == "" && len(errs) > 0:
				t.Errorf("errors %v, want none", errs)
			case tt.want != "" && (len(errs) != 1 || !strings.Contains(errs[0].Error(), tt.want)):
				t.Errorf("errors %v, want one saying %q", errs, tt.want)
			}
		})
	}
	// A golden file of mesoslab's own output needs no source.
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "golden"), 0o755)
	os.WriteFile(filepath.Join(dir, "golden", "verify.txt"), []byte("[ok]\n"), 0o644)
	if errs := CheckSources(dir); len(errs) > 0 {
		t.Errorf("golden output: %v", errs)
	}
}
