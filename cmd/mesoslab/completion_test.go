package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for mesoslab itself, so shell
// scripts under test can run the real command line.
func TestMain(m *testing.M) {
	if os.Getenv("MESOSLAB_TEST_AS_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// mesoslabOnPath writes a `mesoslab` that runs this test binary's main and
// returns a PATH with it first, and its path.
func mesoslabOnPath(t *testing.T) (path, bin string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	script := "#!/bin/sh\nMESOSLAB_TEST_AS_MAIN=1 exec '" + self + "' \"$@\"\n"
	bin = filepath.Join(dir, "mesoslab")
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir + string(os.PathListSeparator) + os.Getenv("PATH"), bin
}

// TestBashCompletionForReal sources `mesoslab completion bash` in bash and
// completes words through the real mesoslab.
func TestBashCompletionForReal(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed: cannot source the completion script")
	}
	tests := []struct {
		name, words string
		cword       int
		want        []string
	}{
		{"commands", `mesoslab ""`, 1, []string{"init", "plan", "up", "status", "list", "completion", "version"}},
		{"flags after a positional", `mesoslab ui --pr`, 2, []string{"--print"}},
		{"subcommands", `mesoslab demo ""`, 2, []string{"logs", "remove"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			script := `set -e
source <(mesoslab completion bash)
complete -p mesoslab
COMP_WORDS=(` + tt.words + `); COMP_CWORD=` + itoa(tt.cword) + `
_mesoslab_complete
echo "REPLY: ${COMPREPLY[*]}"`
			path, _ := mesoslabOnPath(t)
			cmd := exec.Command(bash, "--norc", "-c", script)
			cmd.Env = append(os.Environ(), "PATH="+path, "MESOSLAB_HOME="+t.TempDir())
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("bash: %v\n%s", err, out)
			}
			if !strings.Contains(string(out), "complete -o bashdefault -o default -F _mesoslab_complete mesoslab") {
				t.Errorf("complete -p mesoslab does not show the completion:\n%s", out)
			}
			_, reply, _ := strings.Cut(string(out), "REPLY: ")
			words := strings.Fields(reply)
			for _, w := range tt.want {
				if !strings.Contains(" "+strings.Join(words, " ")+" ", " "+w+" ") {
					t.Errorf("completion of %s lacks %q: %q", tt.words, w, words)
				}
			}
		})
	}
}

func TestCompletionScripts(t *testing.T) {
	tests := []struct {
		shell    string
		wantCode int
		want     string
	}{
		{"bash", 0, "complete -o bashdefault -o default -F _mesoslab_complete mesoslab"},
		{"zsh", 0, "compdef _mesoslab_complete mesoslab"},
		{"fish", 0, "complete -c mesoslab -n '__fish_mesoslab_no_subcommand' -f -l lab"},
		{"tcsh", exitUsage, ""},
	}
	for _, tt := range tests {
		t.Run(tt.shell, func(t *testing.T) {
			out, stderr, code := run(t, nil, "completion", tt.shell)
			if code != tt.wantCode || !strings.Contains(out, tt.want) {
				t.Errorf("exit %d (want %d), stdout lacks %q:\n%s%s", code, tt.wantCode, tt.want, out, stderr)
			}
		})
	}
}

// TestGenerateBashCompletionListsCommands runs the real command line: urfave
// decides between commands and flags from os.Args, which in memory would be
// the test binary's.
func TestGenerateBashCompletionListsCommands(t *testing.T) {
	_, bin := mesoslabOnPath(t)
	cmd := exec.Command(bin, "--generate-bash-completion")
	cmd.Env = append(os.Environ(), "MESOSLAB_HOME="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(out), "\n")
	for _, want := range []string{"init", "plan", "up", "list", "completion", "version"} {
		if !slices.Contains(lines, want) {
			t.Errorf("--generate-bash-completion does not list %q:\n%s", want, out)
		}
	}
}

func TestVersionFlag(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out, stderr, code := run(t, nil, args...)
		if code != 0 || !strings.HasPrefix(out, "mesoslab ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, stderr)
		}
	}
}
