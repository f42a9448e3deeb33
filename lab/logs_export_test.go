package lab

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/health"
)

// readArchive returns every entry of a .tar.gz by name.
func readArchive(t *testing.T, path string) (map[string]string, []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	files := map[string]string{}
	var names []string
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		files[h.Name], names = string(data), append(names, h.Name)
	}
	return files, names
}

// exportLab is a built lab directory of one master and one agent with
// ZooKeeper, and a scripted master that answers as Debian 12 does.
func exportLab(t *testing.T) (*config.Plan, Dir, *scriptedShell) {
	t.Helper()
	p := loopbackPlan(t, 1, 1, config.Components{ZooKeeper: true})
	d := DirFor(t.TempDir(), "default")
	if err := SaveSpec(d, p.Spec); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{d.Config(): "masters: 1\n", d.NodeLog("master1"): "=== up ===\n"} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sh := newScriptedShell("master1", "agent1")
	m := sh.nodes["master1"]
	m.On(`^journalctl --no-pager -q -o short-iso -u zookeeper$`).Stdout("2026-03-02T10:15:30+0000 master1 zookeeper[812]: FOLLOWING\n")
	m.On(`^cat -- /etc/zookeeper/conf/zoo.cfg$`).Stdout("tickTime=2000\nserver.1=127.0.0.11:2888:3888\n")
	m.On(`^cat -- /etc/zookeeper/conf/myid$`).Exit(1).Stderr("cat: /etc/zookeeper/conf/myid: No such file or directory\n")
	m.On(`^cat -- `).Stdout("content\n")
	m.On(`^COLUMNS=200 dpkg -l -- zookeeperd$`).Stdout("ii  zookeeperd 3.8.0-11+deb12u2 all  centralized coordination service\n")
	m.On(`^free -m$`).Stdout("               total        used\nMem:            2560         812\n")
	return p, d, sh
}

func fixedProbe(context.Context) health.Report {
	return health.Report{Started: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), Checks: []health.Check{
		{ID: "zookeeper/master1", Status: health.StatusOK, Finding: "follower"},
		{ID: "zookeeper/quorum", Status: health.StatusOK, Finding: "1 of 1 serving"},
	}}
}

func TestExportLogsArchive(t *testing.T) {
	p, d, sh := exportLab(t)
	sh.down["agent1"] = errors.New("machine not running")
	path := filepath.Join(t.TempDir(), "bug-42.tar.gz")
	res, err := ExportLogs(context.Background(), sh, d, p, ExportOptions{Path: path, Probe: fixedProbe})
	if err != nil {
		t.Fatal(err)
	}
	files, names := readArchive(t, path)
	if !slices.Equal(names, res.Entries) {
		t.Errorf("entries %v, result says %v", names, res.Entries)
	}
	for _, want := range []string{
		"bug-42/verify.txt", "bug-42/verify.json", "bug-42/summary.txt",
		"bug-42/master1/journal-zookeeper.log", "bug-42/master1/files/etc/zookeeper/conf/zoo.cfg",
		"bug-42/master1/files/etc/systemd/system/zookeeper.service", "bug-42/master1/files/etc/hosts",
		"bug-42/master1/dpkg-l.txt", "bug-42/master1/free-m.txt", "bug-42/master1/verify.txt", "bug-42/master1/error.txt",
		"bug-42/agent1/error.txt", "bug-42/agent1/verify.txt",
		"bug-42/lab/lab.json", "bug-42/lab/mesoslab.yaml", "bug-42/lab/logs/master1.log",
	} {
		if _, ok := files[want]; !ok {
			t.Errorf("archive lacks %s; it has %v", want, names)
		}
	}
	checks := map[string]string{
		"bug-42/master1/files/etc/zookeeper/conf/zoo.cfg": "tickTime=2000\nserver.1=127.0.0.11:2888:3888\n",
		"bug-42/master1/journal-zookeeper.log":            "2026-03-02T10:15:30+0000 master1 zookeeper[812]: FOLLOWING\n",
		"bug-42/master1/dpkg-l.txt":                       "ii  zookeeperd 3.8.0-11+deb12u2 all  centralized coordination service\n",
	}
	for name, want := range checks {
		if files[name] != want {
			t.Errorf("%s = %q, want %q", name, files[name], want)
		}
	}
	for name, want := range map[string][]string{
		"bug-42/agent1/error.txt":   {"could not reach agent1", "machine not running"},
		"bug-42/master1/error.txt":  {"files/etc/zookeeper/conf/myid", "No such file or directory"},
		"bug-42/master1/verify.txt": {"zookeeper/master1", "follower"},
		"bug-42/verify.txt":         {"zookeeper/master1", "zookeeper/quorum", "2 checks"},
		"bug-42/summary.txt":        {"agent1     missing: ", "master1    gathered, 1 problems"},
		"bug-42/lab/lab.json":       {`"masters": 1`},
	} {
		for _, w := range want {
			if !strings.Contains(files[name], w) {
				t.Errorf("%s lacks %q:\n%s", name, w, files[name])
			}
		}
	}
	if strings.Contains(files["bug-42/master1/verify.txt"], "quorum") {
		t.Errorf("master1's verify.txt holds a check of the cluster:\n%s", files["bug-42/master1/verify.txt"])
	}
	if m := res.Missing(); !slices.Equal(m, []string{"agent1"}) {
		t.Errorf("missing %v, want agent1", m)
	}
	if u := sh.nodes["master1"].Unmatched(); len(u) > 0 {
		t.Errorf("unexpected commands %q", u)
	}
	for _, c := range sh.nodes["master1"].Commands() {
		if !c.Secret {
			t.Errorf("%q would copy its output into the node log, which the archive also holds", c.Cmd)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestExportLogsPath(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "old.tar.gz")
	if err := os.WriteFile(existing, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		path  string
		force bool
		want  string // "" accepts
	}{
		{"new file", filepath.Join(dir, "new.tar.gz"), false, ""},
		{"existing file", existing, false, "already exists (fix: pass --force"},
		{"existing file with force", existing, true, ""},
		{"missing folder", filepath.Join(dir, "nowhere", "x.tar.gz"), false, "does not exist"},
		{"a folder", dir, true, "is a folder (fix: name a file such as " + filepath.Join(dir, "workshop-cache.tar.gz")},
		{"no name", "", false, "no archive named (fix: name the archive to write, such as workshop-cache.tar.gz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The caller's example: `cache export` shares these checks.
			err := CheckExportPath(tt.path, "workshop-cache.tar.gz", tt.force)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var ve *config.ValidationError
			if !errors.As(err, &ve) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "FILE") {
				t.Errorf("err = %v, want a FILE problem saying %q", err, tt.want)
			}
		})
	}
	// Refused before anything is gathered; the old file stays.
	p, d, sh := exportLab(t)
	if _, err := ExportLogs(context.Background(), sh, d, p, ExportOptions{Path: existing, Probe: fixedProbe}); err == nil {
		t.Fatal("overwrote without --force")
	}
	if data, _ := os.ReadFile(existing); string(data) != "keep me" || len(sh.asked) != 0 {
		t.Errorf("existing file %q, nodes asked %v", data, sh.asked)
	}
	if _, err := ExportLogs(context.Background(), sh, d, p, ExportOptions{Path: existing, Force: true, Probe: fixedProbe}); err != nil {
		t.Fatal(err)
	}
	if files, _ := readArchive(t, existing); files["old/master1/free-m.txt"] == "" {
		t.Errorf("forced export did not replace the file: %v", files)
	}
	// A logs export offers its own name for the archive.
	if _, err := ExportLogs(context.Background(), sh, d, p, ExportOptions{Path: dir, Force: true, Probe: fixedProbe}); err == nil ||
		!strings.Contains(err.Error(), filepath.Join(dir, "lab-logs.tar.gz")) {
		t.Errorf("export into a folder: %v, want the fix to name %s", err, filepath.Join(dir, "lab-logs.tar.gz"))
	}
}
