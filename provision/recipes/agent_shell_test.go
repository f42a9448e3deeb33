package recipes

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/internal/testenv"
)

// systemdWords splits the arguments of an Exec line the way systemd reads
// the quoting that systemdArg writes: blanks separate words, double quotes
// group a word with \" and \\ inside, $$ stands for $ and %% for %.
func systemdWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var w strings.Builder
	inWord, quoted := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quoted && c == '\\' && i+1 < len(line):
			i++
			w.WriteByte(line[i])
		case c == '"':
			quoted, inWord = !quoted, true
		case !quoted && (c == ' ' || c == '\t'):
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case (c == '$' || c == '%') && i+1 < len(line) && line[i+1] == c:
			i++
			w.WriteByte(c)
			inWord = true
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unterminated quote in %q", line)
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

// agentExecStartPre returns the agent drop-in's ExecStartPre as the words
// systemd would run.
func agentExecStartPre(t *testing.T) []string {
	t.Helper()
	c := testCluster("default", 1, 1)
	f := newLabNode(t, c.node("agent1"))
	if err := f.provision(Agent(c, f.node)); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(f.Files[mesosDropInPath("mesos-agent")].Content, "\n") {
		if cmd, ok := strings.CutPrefix(line, "ExecStartPre="); ok {
			return systemdWords(t, cmd)
		}
	}
	t.Fatal("the agent's drop-in has no ExecStartPre")
	return nil
}

// TestAgentCgroupRootRealShell runs the agent's ExecStartPre, read back from
// its drop-in as systemd splits it, in a real sh against directories laid
// out as a cgroup mount is: on cgroup v2 it makes the mesos root with cpu
// and memory enabled for the containers, again without harm, and fails
// saying why when it cannot; on cgroup v1 and on a read-only mount it does
// nothing and lets the agent start.
func TestAgentCgroupRootRealShell(t *testing.T) {
	argv := agentExecStartPre(t)
	if len(argv) != 5 || argv[0] != "/bin/sh" || argv[1] != "-c" || argv[2] != cgroupRootScript || argv[4] != cgroupMount {
		t.Fatalf("ExecStartPre reads as %q, want /bin/sh -c SCRIPT NAME %s", argv, cgroupMount)
	}
	testenv.NeedCommand(t, argv[0])
	run := func(t *testing.T, root string) (string, error) {
		t.Helper()
		var stderr strings.Builder
		cmd := exec.CommandContext(t.Context(), argv[0], argv[1], argv[2], argv[3], root)
		cmd.Stderr = &stderr
		err := cmd.Run()
		return stderr.String(), err
	}
	write := func(t *testing.T, path, content string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A cgroup v2 mount: controllers available, cpu and memory enabled for
	// the children, as systemd leaves it with CPU and memory accounting on.
	v2 := func(t *testing.T) string {
		root := t.TempDir()
		write(t, filepath.Join(root, "cgroup.controllers"), "cpuset cpu io memory pids\n")
		write(t, filepath.Join(root, "cgroup.subtree_control"), "cpu memory pids\n")
		return root
	}

	t.Run("cgroup v2, twice", func(t *testing.T) {
		root := v2(t)
		for range 2 {
			if stderr, err := run(t, root); err != nil {
				t.Fatalf("%v: %s", err, stderr)
			}
			got, err := os.ReadFile(filepath.Join(root, "mesos", "cgroup.subtree_control"))
			if err != nil || string(got) != "+cpu +memory\n" {
				t.Errorf("mesos/cgroup.subtree_control got %q, %v; want \"+cpu +memory\\n\"", got, err)
			}
		}
	})
	t.Run("cgroup v2, controllers refused", func(t *testing.T) {
		root := v2(t)
		// Writing the control file fails, as the kernel's EINVAL would.
		if err := os.MkdirAll(filepath.Join(root, "mesos", "cgroup.subtree_control"), 0o755); err != nil {
			t.Fatal(err)
		}
		stderr, err := run(t, root)
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("the script passed (%v) although it could not enable the controllers", err)
		}
		want := "mesoslab: cannot enable cpu and memory in " + root + "/mesos, " + root + "/cgroup.subtree_control has: cpu memory pids"
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q does not say %q", stderr, want)
		}
	})
	t.Run("cgroup v1", func(t *testing.T) {
		root := t.TempDir() // v1 and hybrid mounts have no cgroup.controllers here
		if stderr, err := run(t, root); err != nil {
			t.Fatalf("%v: %s", err, stderr)
		}
		if _, err := os.Stat(filepath.Join(root, "mesos")); !os.IsNotExist(err) {
			t.Errorf("the script made a mesos cgroup on cgroup v1: %v", err)
		}
	})
	t.Run("read-only cgroup v2 of the container lab", func(t *testing.T) {
		testenv.NeedRoot(t)
		root := t.TempDir()
		out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", root).CombinedOutput()
		testenv.Need(t, err == nil, "cannot mount a tmpfs here: "+strings.TrimSpace(string(out)))
		t.Cleanup(func() { exec.Command("umount", root).Run() })
		write(t, filepath.Join(root, "cgroup.controllers"), "cpuset cpu io memory pids\n")
		if out, err := exec.Command("mount", "-o", "remount,ro", root).CombinedOutput(); err != nil {
			t.Fatalf("remount read-only: %v: %s", err, out)
		}
		if stderr, err := run(t, root); err != nil {
			t.Fatalf("the script failed the unit on a read-only mount: %v: %s", err, stderr)
		}
	})
	t.Run("this machine's cgroup mount, when it is v1", func(t *testing.T) {
		_, err := os.Stat(filepath.Join(cgroupMount, "cgroup.controllers"))
		testenv.Need(t, os.IsNotExist(err), "this machine has cgroup v2, where the script would make "+cgroupMount+"/mesos")
		_, before := os.Stat(filepath.Join(cgroupMount, "mesos"))
		if stderr, err := run(t, cgroupMount); err != nil {
			t.Fatalf("%v: %s", err, stderr)
		}
		if _, after := os.Stat(filepath.Join(cgroupMount, "mesos")); os.IsNotExist(before) && !os.IsNotExist(after) {
			t.Errorf("the script made %s/mesos on a cgroup v1 machine", cgroupMount)
		}
	})
}
