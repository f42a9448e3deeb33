package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// goInternal is text of Go's and the libraries' own that no message shows.
var goInternal = []string{"executable file not found", "exec: ", "parse error", "!!str", "!!seq", "flag provided but not defined", "cannot unmarshal"}

func TestHelpShowsRealDefaults(t *testing.T) {
	out, _, code := run(t, nil, "plan", "--help")
	if code != 0 {
		t.Fatalf("plan --help: exit %d", code)
	}
	for _, want := range []string{"[$MESOSLAB_MASTERS] (default: 3)", "[$MESOSLAB_AGENTS] (default: 3)",
		"[$MESOSLAB_MEMORY] (default: 2560)", "[$MESOSLAB_CPUS] (default: 2)", "(default: virtualbox)", "(default: 192.168.56.0/24"} {
		if !strings.Contains(out, want) {
			t.Errorf("plan --help does not show %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "(default: 0)") {
		t.Errorf("plan --help shows a default of 0:\n%s", out)
	}
}

// TestErrorsSayWhatIsMissing: each message names the value and the fix in
// the user's words, never Go's.
func TestErrorsSayWhatIsMissing(t *testing.T) {
	badYAML := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(badYAML, []byte("masters: abc\ncomponents:\n  chronos: maybe\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"memory not a number", []string{"plan", "--memory", "abc"}, exitUsage, []string{`--memory "abc": not a number; use MB, e.g. 4096`}},
		{"duration", []string{"failover", "mesos", "--wait", "soon"}, exitUsage, []string{`--wait "soon": not a duration`}},
		{"bool", []string{"up", "--force=maybe"}, exitUsage, []string{`--force "maybe": not true or false`}},
		{"missing value", []string{"plan", "--lab"}, exitUsage, []string{"--lab needs a value"}},
		{"unknown option", []string{"ui", "--prnt"}, exitUsage, []string{"`mesoslab ui` has no option --prnt; did you mean --print?"}},
		{"YAML types", []string{"plan", "--config", badYAML}, exitUsage, []string{
			`:1: masters: expected a whole number, got "abc" (fix: write a whole number without quotes`,
			`:3: components.chronos: expected true or false, got "maybe"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := run(t, nil, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d:\n%s", code, tt.code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not say %q:\n%s", w, stderr)
				}
			}
			for _, bad := range goInternal {
				if strings.Contains(stderr, bad) {
					t.Errorf("stderr shows Go's %q:\n%s", bad, stderr)
				}
			}
		})
	}
}

// TestMissingToolSaysHowToInstallIt: `mesoslab up` with no vagrant on PATH
// runs the real exec path and says what to install.
func TestMissingToolSaysHowToInstallIt(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	env := map[string]string{"MESOSLAB_HOME": t.TempDir()}
	_, stderr, code := run(t, env, "up", "--force", "--provider", "docker")
	if code != exitFailure || !strings.Contains(stderr, "Vagrant is not installed (no `vagrant` on PATH): install Vagrant") ||
		!strings.Contains(stderr, "`mesoslab doctor` checks") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
	for _, bad := range goInternal {
		if strings.Contains(stderr, bad) {
			t.Errorf("stderr shows Go's %q:\n%s", bad, stderr)
		}
	}
	for _, tool := range []string{"VBoxManage", "docker"} {
		var buf bytes.Buffer
		err := fmt.Errorf("list VMs: %w", &exec.Error{Name: tool, Err: exec.ErrNotFound})
		if exitCode(err, &buf) != exitFailure || !strings.Contains(buf.String(), "is not installed (no `"+tool+"` on PATH): install") {
			t.Errorf("%s: %s", tool, buf.String())
		}
	}
}

// jsonDocs decodes every JSON document on out.
func jsonDocs(t *testing.T, out string) []map[string]any {
	t.Helper()
	var docs []map[string]any
	dec := json.NewDecoder(strings.NewReader(out))
	for {
		var d map[string]any
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			return docs
		}
		if err != nil {
			t.Fatalf("stdout is not JSON documents: %v\n%s", err, out)
		}
		docs = append(docs, d)
	}
}

// TestJSONFailureIsOneDocument: with -o json, every failure leaves exactly
// one JSON document on stdout.
func TestJSONFailureIsOneDocument(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		code     int
		message  string
		findings []string // keys
	}{
		{"invalid configuration", nil, []string{"plan", "-o", "json", "--masters", "2"}, exitUsage, "invalid lab configuration", []string{"masters"}},
		{"bad flag value", nil, []string{"plan", "--memory", "abc", "--output=json"}, exitUsage, `--memory "abc": not a number`, nil},
		{"unknown command", nil, []string{"-o", "json", "paln"}, exitUsage, `unknown command "paln"`, nil},
		{"flag after the positional", nil, []string{"ssh", "master1", "-o", "json"}, exitFailure, `lab "default" does not exist`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := run(t, tt.env, tt.args...)
			docs := jsonDocs(t, out)
			if code != tt.code || len(docs) != 1 {
				t.Fatalf("exit %d (want %d), %d documents on stdout:\n%s\nstderr:\n%s", code, tt.code, len(docs), out, stderr)
			}
			var doc errorDoc
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(doc.Error.Message, tt.message) || doc.Error.ExitCode != code || doc.Error.Findings == nil {
				t.Errorf("error document %+v", doc)
			}
			if len(doc.Error.Findings) != len(tt.findings) {
				t.Fatalf("findings %+v, want keys %v", doc.Error.Findings, tt.findings)
			}
			for i, k := range tt.findings {
				if f := doc.Error.Findings[i]; f.Key != k || f.Message == "" || f.Fix == "" {
					t.Errorf("finding %d = %+v, want key %s with message and fix", i, f, k)
				}
			}
		})
	}
	// A command that printed its own document when it fails adds none.
	out, _, code := run(t, loopbackHome(t), "verify", "-o", "json")
	if docs := jsonDocs(t, out); code != exitFailure || len(docs) != 1 || docs[0]["error"] != nil {
		t.Errorf("verify -o json on a dead lab: exit %d, documents:\n%s", code, out)
	}
	// Without -o json stdout stays empty.
	if out, _, _ := run(t, nil, "plan", "--masters", "2"); out != "" {
		t.Errorf("text failure printed on stdout: %q", out)
	}
}

var snakeKey = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// keysOf walks a decoded JSON value and reports every key not snake_case,
// and every "elapsed" or "duration" that is not seconds.
// durationKeys are the keys that hold a duration in some document; each
// is seconds, so a value over an hour is nanoseconds leaking out.
var durationKeys = map[string]bool{"elapsed": true, "duration": true, "took": true, "running": true, "reelection": true, "rejoined": true}

func badKeys(path string, v any, bad *[]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if !snakeKey.MatchString(k) {
				*bad = append(*bad, path+"."+k)
			}
			if n, ok := x.(float64); ok && durationKeys[k] && n > 3600 {
				*bad = append(*bad, fmt.Sprintf("%s.%s = %v is not seconds", path, k, n))
			}
			badKeys(path+"."+k, x, bad)
		}
	case []any:
		for i, x := range v {
			badKeys(fmt.Sprintf("%s[%d]", path, i), x, bad)
		}
	}
}

// TestJSONKeysAreSnakeCase runs the commands whose documents need no lab
// and the loopback lab's verify and status (nothing answers there), and
// checks every key and duration.
func TestJSONKeysAreSnakeCase(t *testing.T) {
	ws := wsHome(t, wsLabConfig(wsEverything))
	for _, tt := range []struct {
		env  map[string]string
		args []string
	}{
		{nil, []string{"plan", "-o", "json"}},
		{nil, []string{"version", "-o", "json"}},
		{nil, []string{"list", "-o", "json"}},
		{nil, []string{"doctor", "--list-checks", "-o", "json"}},
		{nil, []string{"plan", "-o", "json", "--masters", "2"}},
		{ws, []string{"verify", "-o", "json"}},
		{ws, []string{"status", "-o", "json"}},
		{ws, []string{"failover", "-o", "json", "mesos"}},
	} {
		out, _, _ := run(t, tt.env, tt.args...)
		var docs []any
		dec := json.NewDecoder(strings.NewReader(out))
		for {
			var d any
			if err := dec.Decode(&d); err != nil {
				break
			}
			docs = append(docs, d)
		}
		if len(docs) == 0 {
			t.Errorf("%v: no JSON on stdout:\n%s", tt.args, out)
		}
		var bad []string
		for _, d := range docs {
			badKeys("", d, &bad)
		}
		if len(bad) > 0 {
			t.Errorf("%v: keys not snake_case or durations not seconds: %v", tt.args, bad)
		}
	}
}
