package provision_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

const (
	fileCheck = `sha256sum <`
	fileWrite = `mv -fT`
)

func fileState(content string, stat string) string {
	sum := sha256.Sum256([]byte(content))
	return hex.EncodeToString(sum[:]) + "\n" + stat + "\n"
}

func TestFileWithFakeNode(t *testing.T) {
	spec := provision.FileSpec{Path: "/etc/zookeeper/conf/zoo.cfg", Content: []byte("tickTime=2000\n"), Mode: 0o640, Owner: "zookeeper:zookeeper"}
	right := fileState("tickTime=2000\n", "640 zookeeper:zookeeper 107:113")
	cases := []struct {
		name    string
		owner   string // overrides spec.Owner
		before  string // what the first check prints
		after   string // what the check after the write prints
		writeRC int
		dryRun  bool
		want    provision.Outcome
		wantErr string
		writes  int
	}{
		{name: "converged", before: right, want: provision.Unchanged},
		{name: "owner given as ids", owner: "107:113", before: right, want: provision.Unchanged},
		{name: "owner given as user only", owner: "zookeeper", before: right, want: provision.Unchanged},
		{name: "absent", before: "absent\n", after: right, want: provision.Changed, writes: 1},
		{name: "content differs", before: fileState("tickTime=3000\n", "640 zookeeper:zookeeper 107:113"), after: right, want: provision.Changed, writes: 1},
		{name: "mode differs", before: fileState("tickTime=2000\n", "644 zookeeper:zookeeper 107:113"), after: right, want: provision.Changed, writes: 1},
		{name: "owner differs", before: fileState("tickTime=2000\n", "640 root:root 0:0"), after: right, want: provision.Changed, writes: 1},
		{name: "dry run", before: "absent\n", dryRun: true, want: provision.WouldChange},
		{name: "write fails", before: "absent\n", writeRC: 1, want: provision.Failed, writes: 1, wantErr: "exited with status 1"},
		{name: "does not converge", before: "absent\n", after: "absent\n", want: provision.Failed, writes: 1, wantErr: "apply did not converge"},
		{name: "garbled check output", before: "what?\n", want: provision.Failed, wantErr: "unexpected output"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			node := provisiontest.New("master1")
			node.On(fileCheck).Times(1).Stdout(tc.before)
			node.On(fileCheck).Stdout(tc.after)
			var uploaded []byte
			node.On(fileWrite).Exit(tc.writeRC).Stderr("mv: cannot move\n").Do(func(c provision.Command) { uploaded = c.Stdin })

			spec := spec
			if tc.owner != "" {
				spec.Owner = tc.owner
			}
			got, err := converge(t, node, provision.File(spec), tc.dryRun)
			if got != tc.want {
				t.Fatalf("outcome %s (%v), want %s", got, err, tc.want)
			}
			if (err != nil) != (tc.wantErr != "") || (err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("error %v, want one saying %q", err, tc.wantErr)
			}
			if n := node.Count(fileWrite); n != tc.writes {
				t.Fatalf("%d writes, want %d; commands: %q", n, tc.writes, node.CommandLines())
			}
			if tc.writes > 0 && string(uploaded) != string(spec.Content) {
				t.Fatalf("uploaded %q", uploaded)
			}
			for _, c := range node.Commands() {
				if !c.Sudo {
					t.Errorf("command without sudo: %s", c.Cmd)
				}
			}
			if u := node.Unmatched(); len(u) > 0 {
				t.Fatalf("unexpected commands %q", u)
			}
		})
	}
}

func TestFileRejectsRelativePath(t *testing.T) {
	node := provisiontest.New("master1")
	_, err := converge(t, node, provision.File(provision.FileSpec{Path: "etc/x"}), false)
	if err == nil || !strings.Contains(err.Error(), "not absolute") || len(node.Commands()) != 0 {
		t.Fatalf("want an error before any command, got %v and %q", err, node.CommandLines())
	}
}

// TestFileScriptsInARealShell runs the generated scripts with bash on this
// machine, with paths that would break or abuse a badly quoted script.
func TestFileScriptsInARealShell(t *testing.T) {
	needBash(t)
	for _, name := range []string{"plain.cfg", "with space.cfg", "it's.cfg", "$(touch pwned).cfg", "`touch pwned`.cfg", "semi;colon.cfg", "-dash.cfg"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "sub dir", name)
			step := provision.File(provision.FileSpec{Path: path, Content: []byte("a'b\"c$d\n"), Mode: 0o600})
			for i, want := range []provision.Outcome{provision.Changed, provision.Unchanged} {
				got, err := converge(t, provisiontest.Local{}, step, false)
				if err != nil || got != want {
					t.Fatalf("run %d: %s, %v; want %s", i+1, got, err, want)
				}
			}
			data, err := os.ReadFile(path)
			if err != nil || string(data) != "a'b\"c$d\n" {
				t.Fatalf("file holds %q, %v", data, err)
			}
			if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
				t.Fatalf("mode %v", fi.Mode())
			}
			for _, p := range []string{"pwned", filepath.Join(dir, "pwned"), filepath.Join(dir, "sub dir", "pwned")} {
				if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
					t.Fatalf("the path ran a command: %s exists", p)
				}
			}
			if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
				t.Fatalf("temporary files left: %v", entries)
			}
		})
	}
}

func TestFileOwnerInARealShell(t *testing.T) {
	needBash(t)
	testenv.NeedRoot(t)
	path := filepath.Join(t.TempDir(), "owned")
	for _, step := range []struct {
		owner string
		want  provision.Outcome
	}{
		{"root:root", provision.Changed},
		{"nobody:nogroup", provision.Changed},
		{"65534:65534", provision.Unchanged}, // the same owner, by id
		{"nobody", provision.Unchanged},
	} {
		got, err := converge(t, provisiontest.Local{}, provision.File(provision.FileSpec{Path: path, Content: []byte("x"), Owner: step.owner}), false)
		if err != nil || got != step.want {
			t.Fatalf("owner %s: %s, %v; want %s", step.owner, got, err, step.want)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Sys().(*syscall.Stat_t).Uid != 65534 {
		t.Fatalf("want the file owned by nobody: %v", err)
	}
}
