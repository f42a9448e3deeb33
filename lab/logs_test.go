package lab

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// scriptedShell hands out scripted nodes; a node in down cannot be reached.
type scriptedShell struct {
	mu    sync.Mutex
	nodes map[string]*provisiontest.Fake
	down  map[string]error
	asked []string
}

func newScriptedShell(names ...string) *scriptedShell {
	s := &scriptedShell{nodes: map[string]*provisiontest.Fake{}, down: map[string]error{}}
	for _, n := range names {
		s.nodes[n] = provisiontest.New(n)
	}
	return s
}

func (s *scriptedShell) Runner(_ context.Context, node string) (provision.Runner, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.asked = append(s.asked, node)
	if err := s.down[node]; err != nil {
		return nil, &NodeError{Node: node, Step: "vagrant ssh-config", Err: err}
	}
	return s.nodes[node], nil
}

func TestLogsShowsTheJournalOfEachLabUnit(t *testing.T) {
	p := loopbackPlan(t, 1, 1, config.Components{ZooKeeper: true})
	sh := newScriptedShell("master1", "agent1")
	sh.nodes["master1"].On(`^journalctl --no-pager -q -o short-iso -n 60 -u zookeeper$`).
		Stdout("2026-03-02T10:15:30+0000 master1 zookeeper[812]: LEADING - LEADER ELECTION TOOK - 210 MS\n")
	var out bytes.Buffer
	if err := Logs(context.Background(), sh, p, &out, LogsOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "==> master1: zookeeper <==\n2026-03-02T10:15:30+0000 master1 zookeeper[812]: LEADING - LEADER ELECTION TOOK - 210 MS\n\n" +
		"==> agent1: no lab units <==\n\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
	cmds := sh.nodes["master1"].Commands()
	if len(cmds) != 1 || !cmds[0].Sudo || !cmds[0].Secret {
		t.Errorf("commands %+v: want one journalctl as root, its output kept out of the node log", cmds)
	}
	if n := len(sh.nodes["agent1"].Commands()); n != 0 {
		t.Errorf("agent1 has no lab unit, yet got %d commands", n)
	}
}

func TestLogsOneNodeOneUnitAndLines(t *testing.T) {
	p := loopbackPlan(t, 1, 2, allComponents())
	sh := newScriptedShell("master1", "agent1", "agent2")
	sh.nodes["agent2"].On(`^journalctl --no-pager -q -o short-iso -n 5 -u mesos-agent$`).Stdout("")
	var out bytes.Buffer
	if err := Logs(context.Background(), sh, p, &out, LogsOptions{Node: "agent2", Unit: "mesos-agent", Lines: 5}); err != nil {
		t.Fatal(err)
	}
	if out.String() != "==> agent2: mesos-agent <==\n(no entries)\n\n" {
		t.Errorf("output:\n%s", out.String())
	}
	if strings.Join(sh.asked, ",") != "agent2" {
		t.Errorf("connected to %v, want agent2 only", sh.asked)
	}
}

func TestLogsRefusesAnUnknownNodeOrUnitBeforeConnecting(t *testing.T) {
	full := loopbackPlan(t, 1, 1, allComponents())
	zk := loopbackPlan(t, 1, 1, config.Components{ZooKeeper: true})
	tests := []struct {
		name string
		p    *config.Plan
		o    LogsOptions
		want []string
	}{
		{"unknown node", full, LogsOptions{Node: "master9"}, []string{`NODE = "master9"`, "use one of master1, agent1"}},
		{"unit of no node", full, LogsOptions{Unit: "zookeper"}, []string{`--unit = "zookeper"`, "on any node", "use one of zookeeper, mesos-master, docker, marathon, chronos, mesos-dns, mesos-agent"}},
		{"unit of another node", full, LogsOptions{Node: "agent1", Unit: "zookeeper"}, []string{"not a unit of the lab on agent1", "use one of docker, mesos-agent"}},
		{"node without units", zk, LogsOptions{Node: "agent1", Unit: "zookeeper"}, []string{"leave out --unit"}},
		{"negative lines", full, LogsOptions{Lines: -1}, []string{"--lines", "cannot be negative"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh := newScriptedShell("master1", "agent1")
			err := Logs(context.Background(), sh, tt.p, &bytes.Buffer{}, tt.o)
			var ve *config.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a ValidationError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q lacks %q", err, w)
				}
			}
			if len(sh.asked) != 0 {
				t.Errorf("connected to %v before refusing", sh.asked)
			}
		})
	}
}

func TestLogsNamesANodeItCannotReachAndShowsTheOthers(t *testing.T) {
	p := loopbackPlan(t, 1, 1, allComponents())
	sh := newScriptedShell("master1", "agent1")
	sh.down["agent1"] = errors.New("machine not running")
	sh.nodes["master1"].On(`^journalctl `).Stdout("a line\n")
	var out bytes.Buffer
	err := Logs(context.Background(), sh, p, &out, LogsOptions{})
	var nes NodeErrors
	if !errors.As(err, &nes) || len(nes) != 1 || nes[0].Node != "agent1" || !strings.Contains(err.Error(), "machine not running") {
		t.Fatalf("err = %v, want agent1's failure", err)
	}
	if strings.Count(out.String(), "==> master1: ") != 6 {
		t.Errorf("master1's six units not all shown:\n%s", out.String())
	}
}

func TestSplitCursor(t *testing.T) {
	tests := []struct{ in, entries, cursor string }{
		{"a\nb\n-- cursor: s=1;i=2\n", "a\nb\n", "s=1;i=2"},
		{"", "", ""},
		{"-- No entries --\n", "", ""},
		{"-- Boot 1f --\na\n-- cursor: x", "-- Boot 1f --\na\n", "x"},
	}
	for _, tt := range tests {
		e, c := splitCursor([]byte(tt.in))
		if string(e) != tt.entries || c != tt.cursor {
			t.Errorf("splitCursor(%q) = %q, %q; want %q, %q", tt.in, e, c, tt.entries, tt.cursor)
		}
	}
}

// Follow reads from the last cursor on, prints each line once, and stops
// with the context: the read running on the node then sees its end.
func TestLogsFollowReadsOnFromTheCursorUntilCancelled(t *testing.T) {
	p := loopbackPlan(t, 1, 1, config.Components{ZooKeeper: true})
	sh := newScriptedShell("master1", "agent1")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m := sh.nodes["master1"]
	m.On(`^journalctl --no-pager -q -o short-iso -n 60 -u zookeeper --show-cursor$`).Stdout("first\n-- cursor: s=1;i=1\n")
	m.On(`--after-cursor='s=1;i=1' --show-cursor$`).Times(1).Stdout("second\nthird\n-- cursor: s=1;i=3\n")
	m.On(`--after-cursor='s=1;i=1' --show-cursor$`).Stdout("again\n")
	m.On(`--after-cursor='s=1;i=3' --show-cursor$`).Times(1).Stdout("")
	cancelled := make(chan struct{})
	m.On(`--after-cursor='s=1;i=3' --show-cursor$`).Func(func(ctx context.Context, c provision.Command) (provision.Result, error) {
		cancel() // Ctrl-C while a read runs on the node
		<-ctx.Done()
		close(cancelled)
		return provision.Result{ExitCode: -1}, &provision.CmdError{Host: "master1", Cmd: c.Cmd, ExitCode: -1, Err: ctx.Err()}
	})
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- Logs(ctx, sh, p, &out, LogsOptions{Follow: true, Interval: time.Millisecond}) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("follow ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("follow did not end with its context")
	}
	select {
	case <-cancelled:
	default:
		t.Error("the running read did not see the cancellation")
	}
	if out.String() != "first\nsecond\nthird\n" {
		t.Errorf("followed output:\n%s", out.String())
	}
	if u := m.Unmatched(); len(u) > 0 {
		t.Errorf("unexpected commands %q", u)
	}
}
