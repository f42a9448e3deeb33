package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/config"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// mesoslabBinary builds the real command once per test run: end-to-end
// tests run it as a user would, signals and exit codes included.
func mesoslabBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "mesoslab-e2e-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "mesoslab")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = err
			binPath = string(out)
		}
	})
	if buildErr != nil {
		t.Fatalf("build mesoslab: %v\n%s", buildErr, binPath)
	}
	return binPath
}

// containerLab is a lab of the docker provider in its own MESOSLAB_HOME, on
// a subnet and SSH ports no other test uses.
type containerLab struct {
	t      *testing.T
	bin    string
	home   string
	name   string
	subnet string
}

// needContainerLab skips (or fails under MESOSLAB_E2E=1) without root,
// Docker, Vagrant and the node image.
func needContainerLab(t *testing.T) {
	t.Helper()
	testenv.NeedShort(t)
	testenv.NeedRoot(t)
	testenv.NeedCommand(t, "vagrant")
	testenv.NeedImage(t, config.DefaultDockerImage)
}

func newContainerLab(t *testing.T, name, subnet string, portBase int, masters, agents int) *containerLab {
	t.Helper()
	l := &containerLab{t: t, bin: mesoslabBinary(t), home: t.TempDir(), name: name, subnet: subnet}
	l.must("init", "--provider", "docker", "--masters", itoa(masters), "--agents", itoa(agents), "--subnet", subnet)
	cfg := l.dir().Config()
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("ssh_port_base: 2300"), []byte("ssh_port_base: "+itoa(portBase)), 1)
	if err := os.WriteFile(cfg, data, 0o644); err != nil {
		t.Fatal(err)
	}
	serveTestKey(t, cfg)
	t.Cleanup(func() {
		if _, _, code := l.run("destroy", "--force"); code != 0 {
			// Leave nothing behind even when the product failed.
			out, _ := exec.Command("docker", "ps", "-aq", "--filter", "name=mesoslab-"+name+"-").Output()
			for _, id := range strings.Fields(string(out)) {
				_ = exec.Command("docker", "rm", "-f", id).Run()
			}
		}
	})
	return l
}

// subtest runs fn as t's subtest with l failing the subtest, not t: a
// parent's FailNow from inside a subtest aborts it with a panic that hides
// the failure.
func (l *containerLab) subtest(t *testing.T, name string, fn func(t *testing.T)) bool {
	parent := l.t
	defer func() { l.t = parent }()
	return t.Run(name, func(t *testing.T) {
		l.t = t
		fn(t)
	})
}

func (l *containerLab) dir() lab.Dir { return lab.DirFor(l.home, l.name) }

func (l *containerLab) cmd(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, l.bin, append([]string{"--lab", l.name}, args...)...)
	cmd.Env = append(os.Environ(), "MESOSLAB_HOME="+l.home, "NO_COLOR=1")
	return cmd
}

// run runs mesoslab to the end, bounded, and returns stdout, stderr, exit code.
func (l *containerLab) run(args ...string) (string, string, int) {
	l.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := l.cmd(ctx, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		l.t.Fatalf("mesoslab %v: %v", args, err)
	}
	return out.String(), errOut.String(), code
}

func (l *containerLab) must(args ...string) string {
	l.t.Helper()
	out, errOut, code := l.run(args...)
	if code != 0 {
		l.t.Fatalf("mesoslab %v: exit %d\nstdout:\n%s\nstderr:\n%s", args, code, out, errOut)
	}
	return out
}

// events parses `--output json` progress lines.
func events(t *testing.T, out string) []lab.Event {
	t.Helper()
	var evs []lab.Event
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var e lab.Event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("not a JSON event line: %q: %v", sc.Text(), err)
		}
		evs = append(evs, e)
	}
	return evs
}

// states returns node -> state from `status --output json`.
func (l *containerLab) states() map[string]string {
	l.t.Helper()
	var doc statusDoc
	if err := json.Unmarshal([]byte(l.must("status", "-o", "json")), &doc); err != nil {
		l.t.Fatal(err)
	}
	out := map[string]string{}
	for _, n := range doc.Nodes {
		out[n.Name] = string(n.State)
	}
	return out
}

func (l *containerLab) assertAll(state string) {
	l.t.Helper()
	for node, st := range l.states() {
		if st != state {
			l.t.Errorf("%s is %s, want %s", node, st, state)
		}
	}
}
