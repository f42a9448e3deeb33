package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/config"
)

// running is a mesoslab process whose JSON events the test reads as they
// come.
type running struct {
	cmd    *exec.Cmd
	events chan lab.Event
	stderr *syncBuffer
	done   chan error
}

// start runs mesoslab ARGS -o json in the background.
func (l *containerLab) start(ctx context.Context, args ...string) *running {
	l.t.Helper()
	cmd := l.cmd(ctx, append(args, "-o", "json")...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		l.t.Fatal(err)
	}
	r := &running{cmd: cmd, events: make(chan lab.Event, 1024), stderr: &syncBuffer{}, done: make(chan error, 1)}
	cmd.Stderr = r.stderr
	if err := cmd.Start(); err != nil {
		l.t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			var e lab.Event
			if json.Unmarshal(sc.Bytes(), &e) == nil {
				r.events <- e
			}
		}
		close(r.events)
		r.done <- cmd.Wait()
	}()
	return r
}

// waitFor reads events until match returns true, bounded by d. It fails the
// test when the process ends first.
func (r *running) waitFor(t *testing.T, d time.Duration, what string, match func(lab.Event) bool) lab.Event {
	t.Helper()
	timeout := time.After(d)
	for {
		select {
		case e, ok := <-r.events:
			if !ok {
				t.Fatalf("mesoslab ended before %s:\n%s", what, r.stderr.String())
			}
			if match(e) {
				return e
			}
		case <-timeout:
			t.Fatalf("no %s within %s", what, d)
		}
	}
}

// wait drains the events and returns the exit code.
func (r *running) wait(t *testing.T) int {
	t.Helper()
	for range r.events {
	}
	err := <-r.done
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

// userFiles are what a drill must never lose: the configuration and the
// logs of earlier runs (which only ever grow).
func (l *containerLab) userFiles() map[string]string {
	l.t.Helper()
	files := map[string]string{}
	for _, p := range []string{l.dir().Config()} {
		data, _ := os.ReadFile(p)
		files[p] = string(data)
	}
	logs, _ := os.ReadDir(l.dir().Logs())
	for _, e := range logs {
		data, _ := os.ReadFile(l.dir().NodeLog(strings.TrimSuffix(e.Name(), ".log")))
		files[l.dir().NodeLog(strings.TrimSuffix(e.Name(), ".log"))] = string(data)
	}
	return files
}

// assertKept checks that every file of before still exists and that logs
// only grew.
func (l *containerLab) assertKept(before map[string]string) {
	l.t.Helper()
	for path, old := range before {
		data, err := os.ReadFile(path)
		if err != nil {
			l.t.Errorf("%s was lost: %v", path, err)
			continue
		}
		if strings.HasSuffix(path, ".log") && !strings.HasPrefix(string(data), old) {
			l.t.Errorf("%s lost earlier content", path)
		} else if !strings.HasSuffix(path, ".log") && string(data) != old {
			l.t.Errorf("%s changed", path)
		}
	}
}

// assertHealthy is the end state every drill must reach: verify passes
// (the ZooKeeper quorum) and every node answers SSH.
func (l *containerLab) assertHealthy(p *config.Plan) {
	l.t.Helper()
	if out, errOut, code := l.run("verify", "--wait", "90s"); code != 0 {
		l.t.Errorf("verify: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, n := range p.Nodes {
		if _, errOut, code := l.run("ssh", n.Name, "--", "true"); code != 0 {
			l.t.Errorf("%s does not answer SSH: %s", n.Name, errOut)
		}
	}
}
