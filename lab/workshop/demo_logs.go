package workshop

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/stack"
)

// LogsOptions tune `mesoslab demo logs`.
type LogsOptions struct {
	// Agent picks the task on this agent node; empty takes the first agent
	// that runs one.
	Agent string
	// File is the sandbox file: stdout (default) or stderr.
	File string
	Tail TailOptions
}

// LogSource says which task's file is shown, for the line printed above it.
type LogSource struct {
	Task      string `json:"task"`
	Agent     string `json:"agent"`
	Sandbox   string `json:"sandbox"`
	File      string `json:"file"`
	AgentBase string `json:"agent_base"`
}

// Logs writes a demo task's stdout to w through the agent's /files/read;
// with o.Tail.Follow it keeps going until ctx ends. onSource, if not nil,
// learns the task and sandbox before the first byte is written.
func (d *Demo) Logs(ctx context.Context, o LogsOptions, w io.Writer, onSource func(LogSource)) error {
	if o.File == "" {
		o.File = "stdout"
	}
	if o.File != "stdout" && o.File != "stderr" {
		return fmt.Errorf("sandbox file %q: use stdout or stderr", o.File)
	}
	if !d.Target.Components.Mesos {
		return switchedOff(compMesos)
	}
	m, _, err := d.marathon(ctx)
	if err != nil {
		return err
	}
	app, err := m.App(ctx, DemoAppID)
	if errors.Is(err, stack.ErrNotFound) {
		return fmt.Errorf("the demo app %s is not deployed; run `mesoslab demo` first", DemoAppID)
	}
	if err != nil {
		return err
	}
	task, node, err := d.pickTask(app, o.Agent)
	if err != nil {
		return err
	}
	if o.Tail.Clock == nil {
		o.Tail.Clock = d.Clock
	}
	agent := stack.NewAgent(stack.BaseURL(node.Addr, d.Target.Ports.MesosAgent), d.client(), d.CallTimeout)
	dir, err := agent.Sandbox(ctx, task.ID)
	if err != nil {
		return err
	}
	src := LogSource{Task: task.ID, Agent: node.Name, Sandbox: dir, File: o.File, AgentBase: agent.Base}
	if onSource != nil {
		onSource(src)
	}
	return Tail(ctx, agent, dir+"/"+o.File, w, o.Tail)
}

// pickTask chooses the running task on the named agent, or on the first
// agent in name order.
func (d *Demo) pickTask(app stack.AppStatus, agent string) (stack.Task, health.Node, error) {
	type cand struct {
		task stack.Task
		node health.Node
	}
	var cands []cand
	var agents []string
	for _, t := range app.RunningTasks() {
		n, ok := health.NodeByHost(d.Target.Agents, t.Host)
		if !ok {
			continue
		}
		cands = append(cands, cand{t, n})
		agents = append(agents, n.Name)
	}
	slices.SortFunc(cands, func(a, b cand) int { return strings.Compare(a.node.Name, b.node.Name) })
	for _, c := range cands {
		if agent == "" || c.node.Name == agent {
			return c.task, c.node, nil
		}
	}
	if agent != "" {
		return stack.Task{}, health.Node{}, fmt.Errorf("no demo task runs on %s; the demo runs on: %s", agent, strings.Join(agents, ", "))
	}
	return stack.Task{}, health.Node{}, fmt.Errorf("no demo task runs on an agent of this lab (%d tasks, %d running); `mesoslab demo` shows why",
		len(app.Tasks), len(app.RunningTasks()))
}
