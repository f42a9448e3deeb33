package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	goldenfile "github.com/mesoslab/mesoslab/internal/golden"
)

// run executes the whole app in memory with its own MESOSLAB_HOME and
// returns what it printed and its exit code, as main would.
func run(t *testing.T, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	if env == nil {
		env = map[string]string{}
	}
	if _, ok := env["MESOSLAB_HOME"]; !ok {
		env["MESOSLAB_HOME"] = t.TempDir()
	}
	var out, errOut bytes.Buffer
	s := streams{In: strings.NewReader(""), Out: &out, Err: &errOut,
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	err := runApp(context.Background(), s, append([]string{"mesoslab"}, args...))
	code := exitCode(err, &errOut)
	return out.String(), errOut.String(), code
}

func TestCommandsExitCodesAndMessages(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"plan ok", nil, []string{"plan"}, 0, ""},
		{"two masters", nil, []string{"plan", "--masters", "2"}, 2, "2 masters cannot form a quorum"},
		{"global flag before command", nil, []string{"--output", "yaml", "plan"}, 2, `--output "yaml"`},
		{"env masters", map[string]string{"MESOSLAB_MASTERS": "4"}, []string{"plan"}, 2, "masters = \"4\""},
		{"env not a number", map[string]string{"MESOSLAB_AGENTS": "many"}, []string{"plan"}, 2, "MESOSLAB_AGENTS"},
		{"flag beats env", map[string]string{"MESOSLAB_MASTERS": "4"}, []string{"plan", "--masters", "3"}, 0, ""},
		{"flag not a number", nil, []string{"plan", "--agents", "x"}, 2, `--agents "x": not a number; e.g. 3`},
		{"unknown command", nil, []string{"paln"}, 2, `Did you mean "plan"?`},
		{"unknown flag", nil, []string{"plan", "--mastrs", "3"}, 2, "`mesoslab plan` has no option --mastrs; did you mean --masters?"},
		{"missing config", nil, []string{"plan", "--config", "/nonexistent/mesoslab.yaml"}, 2, "cannot read the configuration file"},
		{"bad lab name", nil, []string{"--lab", "Bad;Name", "plan"}, 2, "not a valid lab name"},
		{"bad subnet", nil, []string{"render", "--subnet", "10.0.0.0/24"}, 2, "/etc/vbox/networks.conf"},
		{"plan takes no args", nil, []string{"plan", "extra"}, 2, "takes no arguments"},
		{"version", nil, []string{"version"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := run(t, tt.env, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("stderr does not say %q:\n%s", tt.wantErr, stderr)
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
				t.Errorf("stack trace on stderr:\n%s", stderr)
			}
		})
	}
}

func TestPlanJSON(t *testing.T) {
	for _, args := range [][]string{{"plan", "--output", "json"}, {"--output", "json", "plan"}, {"plan", "-o", "json"}} {
		out, stderr, code := run(t, nil, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		var doc planDoc
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v: not JSON: %v\n%s", args, err, out)
		}
		if len(doc.Nodes) != 6 || doc.MemoryBudgetMB != 15360 || doc.Quorum != 2 || doc.Nodes[3].IP.String() != "192.168.56.21" {
			t.Errorf("%v: plan = %+v", args, doc)
		}
	}
}

func TestPlanTextGolden(t *testing.T) {
	home := t.TempDir()
	out, _, code := run(t, map[string]string{"MESOSLAB_HOME": home}, "plan")
	if code != 0 {
		t.Fatal("plan failed")
	}
	out = strings.ReplaceAll(out, home, "$MESOSLAB_HOME")
	golden(t, filepath.Join("testdata", "plan-default.golden"), out)
}

func TestInitThenTypoInConfig(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{"MESOSLAB_HOME": home}
	if _, stderr, code := run(t, env, "init", "--provider", "docker"); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	path := filepath.Join(home, "labs", "default", "mesoslab.yaml")
	if _, stderr, code := run(t, env, "init"); code != 2 || !strings.Contains(stderr, "--force") {
		t.Errorf("second init should refuse to overwrite: %d %s", code, stderr)
	}
	out, _, _ := run(t, env, "plan", "-o", "json")
	if !strings.Contains(out, `"provider": "docker"`) {
		t.Errorf("plan does not read the lab's mesoslab.yaml:\n%s", out)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("\nagents:"), []byte("\nagnets:"), 1)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	line := 1 + bytes.Count(data[:bytes.Index(data, []byte("agnets:"))], []byte("\n"))
	_, stderr, code := run(t, env, "plan")
	want := path + ":" + itoa(line) + ": agnets: unknown key (fix: did you mean \"agents\"?)"
	if code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant it to contain:\n%s", code, stderr, want)
	}
}

func TestRenderWritesVagrantfile(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := run(t, nil, "render", "--masters", "1", "--agents", "1", "--out", dir)
	if code != 0 {
		t.Fatalf("render: %d %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "Vagrantfile"))
	if err != nil || !bytes.Contains(data, []byte(`config.vm.define "agent1"`)) {
		t.Errorf("Vagrantfile not written: %v\n%s", err, data)
	}
}

// golden compares got with the golden file at path; -update rewrites it.
func golden(t *testing.T, path, got string) {
	t.Helper()
	goldenfile.Check(t, path, []byte(got))
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestOutIntoAMissingFolderIsRefused: a mistyped --out names the folder
// that does not exist and how to make it, and creates nothing.
func TestOutIntoAMissingFolderIsRefused(t *testing.T) {
	root := t.TempDir()
	missing := filepath.Join(root, "no", "such")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"init", "--out", filepath.Join(missing, "mesoslab.yaml")}, "--out: the folder " + missing + " does not exist"},
		{[]string{"render", "--out", missing}, "--out: the folder " + missing + " does not exist"},
		{[]string{"init", "--out", root}, "--out " + root + " is a folder: name the file, e.g. " + filepath.Join(root, "mesoslab.yaml")},
	}
	for _, tt := range tests {
		_, stderr, code := run(t, nil, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, exitUsage, tt.want)
		}
		if strings.Contains(tt.want, "does not exist") && !strings.Contains(stderr, "mkdir -p "+missing) {
			t.Errorf("%v: stderr %q gives no fix", tt.args, stderr)
		}
		if entries, _ := os.ReadDir(root); len(entries) > 0 {
			t.Fatalf("%v created %s", tt.args, entries[0].Name())
		}
	}
}
