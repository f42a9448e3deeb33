package main

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/vagrant"
)

// TestContainerLabLogs brings up a ZooKeeper-only container lab of one
// master and one agent, then reads ZooKeeper's real journal with `mesoslab
// logs`, follows it until Ctrl-C, and exports the archive twice: with
// every node up, and with the agent halted.
func TestContainerLabLogs(t *testing.T) {
	needContainerLab(t)
	const subnet, ports = "192.168.67.0/24", 2680
	l := newContainerLab(t, "e2e-logs", subnet, ports, 1, 1)
	cfg := strings.Replace(fmt.Sprintf(zkOnlyConfig, subnet, ports), "masters: 3\n", "masters: 1\n", 1)
	if err := os.WriteFile(l.dir().Config(), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	l.must("up")

	l.subtest(t, "logs shows the journal of zookeeper", func(t *testing.T) {
		out := l.must("logs")
		if !strings.Contains(out, "==> master1: zookeeper <==") || !strings.Contains(out, "==> agent1: no lab units <==") {
			t.Fatalf("logs:\n%s", out)
		}
		section := strings.SplitN(strings.SplitN(out, "==> master1: zookeeper <==\n", 2)[1], "==>", 2)[0]
		if strings.TrimSpace(section) == "" || strings.Contains(section, "(no entries)") {
			t.Errorf("zookeeper's journal is empty:\n%s", out)
		}
		short := l.must("logs", "-u", "zookeeper", "-n", "3", "master1")
		if n := strings.Count(strings.TrimSpace(short), "\n"); n != 3 {
			t.Errorf("-n 3 printed %d lines after the header:\n%s", n, short)
		}
	})

	l.subtest(t, "logs --follow prints new lines and stops on Ctrl-C", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := l.cmd(ctx, "logs", "--follow", "-n", "1", "master1")
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 100)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		waitFor := func(what string) string {
			t.Helper()
			for {
				select {
				case line, ok := <-lines:
					if !ok {
						t.Fatalf("follow ended before %q", what)
					}
					if strings.Contains(line, what) {
						return line
					}
				case <-ctx.Done():
					t.Fatalf("no %q while following", what)
				}
			}
		}
		first := waitFor("")
		if strings.Contains(first, "Stopp") {
			t.Fatalf("the last line before following already says Stopp...: %s", first)
		}
		// systemd's lines of a restart are new lines of the unit's journal.
		l.must("ssh", "master1", "--", "sudo systemctl restart zookeeper")
		waitFor("Stopp")
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		err = cmd.Wait()
		if err != nil {
			t.Errorf("follow after Ctrl-C: %v", err)
		}
		if left := strings.TrimSpace(l.must("ssh", "master1", "--", "pgrep -a journalctl || true")); left != "" {
			t.Errorf("journalctl still running on master1 after Ctrl-C: %s", left)
		}
	})

	path := filepath.Join(t.TempDir(), "lab-logs.tar.gz")
	l.subtest(t, "logs export holds the journal, zoo.cfg and the lab's files", func(t *testing.T) {
		out := l.must("logs", "export", path)
		if !strings.Contains(out, "wrote "+path) || strings.Contains(out, "missing") {
			t.Errorf("export said:\n%s", out)
		}
		files := readTarGz(t, path)
		for name, want := range map[string]string{
			"lab-logs/master1/journal-zookeeper.log":            "zookeeper",
			"lab-logs/master1/files/etc/zookeeper/conf/zoo.cfg": "clientPort=2181",
			"lab-logs/master1/dpkg-l.txt":                       "zookeeperd",
			"lab-logs/master1/free-m.txt":                       "Mem:",
			"lab-logs/agent1/files/etc/hosts":                   "master1",
			"lab-logs/verify.txt":                               "zookeeper/master1",
			"lab-logs/lab/lab.json":                             `"name": "e2e-logs"`,
			"lab-logs/lab/mesoslab.yaml":                        "zookeeper: true",
			"lab-logs/lab/logs/master1.log":                     "mesoslab",
		} {
			if !strings.Contains(files[name], want) {
				t.Errorf("%s lacks %q:\n%.2000s", name, want, files[name])
			}
		}
		if _, ok := files["lab-logs/agent1/error.txt"]; ok {
			t.Errorf("agent1 reported an error:\n%s", files["lab-logs/agent1/error.txt"])
		}
	})

	l.subtest(t, "logs export of a lab with a node down names it and completes", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if err := vagrant.NewCLI(l.dir().Root, vagrant.CLIOptions{}).Halt(ctx, "agent1"); err != nil {
			t.Fatal(err)
		}
		if _, stderr, code := l.run("logs", "export", path); code != exitUsage || !strings.Contains(stderr, "--force") {
			t.Errorf("overwrote without --force: exit %d\n%s", code, stderr)
		}
		out := l.must("logs", "export", "--force", path)
		if !strings.Contains(out, "1 of 2 nodes missing from the archive: agent1") {
			t.Errorf("export said:\n%s", out)
		}
		files := readTarGz(t, path)
		if !strings.Contains(files["lab-logs/agent1/error.txt"], "could not reach agent1") {
			t.Errorf("agent1/error.txt: %q", files["lab-logs/agent1/error.txt"])
		}
		if !strings.Contains(files["lab-logs/master1/files/etc/zookeeper/conf/zoo.cfg"], "clientPort=2181") {
			t.Error("master1 is missing from the second export")
		}
	})
}

// readTarGz returns every regular file of a .tar.gz by name.
func readTarGz(t *testing.T, path string) map[string]string {
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
	files := map[string]string{}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return files
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		files[h.Name] = string(data)
	}
}
