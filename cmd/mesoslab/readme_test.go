package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEKeepsUpWithTheCode: the README's command table names every
// command, the Go version is go.mod's, and what `make test` installs is the
// setup script's package list, so neither drifts from the code.
func TestREADMEKeepsUpWithTheCode(t *testing.T) {
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	readme := read("../../README.md")
	for _, c := range newApp(streams{}).Commands {
		if !strings.Contains(readme, "| `mesoslab "+c.Name) {
			t.Errorf("README's command table has no row for `mesoslab %s`", c.Name)
		}
	}
	if !strings.Contains(readme, "`mesoslab --version`") {
		t.Error("README does not mention mesoslab --version")
	}
	goVer := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(read("../../go.mod"))
	if goVer == nil || !strings.Contains(readme, "Go "+goVer[1]+" or later") {
		t.Errorf("README does not say the Go version go.mod needs (%v)", goVer)
	}
	pkgs := regexp.MustCompile(`(?m)^packages=\(([^)]*)\)`).FindStringSubmatch(read("../../scripts/setup-test-host.sh"))
	if pkgs == nil {
		t.Fatal("no packages=(...) in scripts/setup-test-host.sh")
	}
	if !strings.Contains(readme, "`"+pkgs[1]+"`") {
		t.Errorf("README does not list what make test installs: `%s`", pkgs[1])
	}
	for _, want := range []string{"mltest", "/var/log/mesoslab-dockerd.log", "To undo it", "**Elsewhere**"} {
		if !strings.Contains(readme, want) {
			t.Errorf("README's make test section does not say %q", want)
		}
	}
}
