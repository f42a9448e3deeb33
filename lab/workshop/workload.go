package workshop

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/seconds"
	"github.com/mesoslab/mesoslab/lab/stack"
)

// The containerizers a workload run exercises, as the agent's
// --containerizers flag names them.
const (
	ContainerizerMesos  = "mesos"
	ContainerizerDocker = "docker"
)

// Workload defaults: the bound on each run (a first image pull and an
// executor registration take a while), the poll interval of the Chronos
// run, and how many journal lines of an agent a failed run keeps.
const (
	DefaultWorkloadTimeout = 3 * time.Minute
	DefaultWorkloadPoll    = 2 * time.Second
	AgentLogLines          = 30
)

// Workload runs real tasks on a lab, one per containerizer and one Chronos
// job, because probing services cannot see a containerizer that fails only
// when a task arrives: the Mesos containerizer aborts the agent on cgroup
// v2 when its cgroup root is missing (upstream review F2).
type Workload struct {
	// Target is the lab: masters, agents, components and ports.
	Target health.Target
	// Shell runs mesos-execute on a master and journalctl on agents.
	Shell NodeShell
	// Leader is the elected Mesos master; mesos-execute runs on it and
	// subscribes to it. Zero when verify found none.
	Leader health.Node
	// Agents are the agents registered with the leader, to name the node
	// a task landed on from the agent ID mesos-execute prints.
	Agents []health.MesosAgent
	// Image is the Docker image of the docker run (sources.demo.image).
	Image string
	// HTTP is the client for Chronos; nil means stack.NewHTTPClient(Dial).
	HTTP *http.Client
	Dial stack.DialFunc
	// CallTimeout bounds each HTTP call (stack.DefaultCallTimeout).
	CallTimeout time.Duration
	// Timeout bounds each run (DefaultWorkloadTimeout); Poll is the
	// Chronos run's interval (DefaultWorkloadPoll).
	Timeout, Poll time.Duration
	Clock         Clock
	// OnRun receives each run as it starts (done false) and ends.
	OnRun func(r WorkloadRun, done bool)
}

// WorkloadRun is one bounded run of the workload check.
type WorkloadRun struct {
	// ID is the run's check ID: workload/docker, workload/mesos, workload/chronos.
	ID string `json:"id"`
	// Name says what ran, in a few words.
	Name string `json:"name"`
	// Containerizer is the one the run exercises.
	Containerizer string `json:"containerizer"`
	Passed        bool   `json:"passed"`
	// Skipped is true when the lab has no component to run it on (Mesos or
	// Chronos switched off); a skipped run counts as passed.
	Skipped bool `json:"skipped,omitempty"`
	// Finding says what happened, in one line; Fix what to do when it failed.
	Finding string `json:"finding"`
	Fix     string `json:"fix,omitempty"`
	// State is the last task state seen (TASK_FINISHED, TASK_FAILED, ...).
	State string `json:"state,omitempty"`
	// Agent is the node the task landed on; empty when unknown.
	Agent string `json:"agent,omitempty"`
	// AgentLogs are the agents' last journal lines when the run failed:
	// the agent the task landed on, or every agent when that is unknown.
	AgentLogs []AgentLog `json:"agent_logs,omitempty"`
	// Took is the run's wall time, in seconds in JSON as every duration.
	Took seconds.Duration `json:"took"`
}

// WorkloadReport is the outcome of every run, in the order they ran.
type WorkloadReport struct {
	Runs []WorkloadRun `json:"runs"`
}

// Passed reports whether every run passed.
func (r WorkloadReport) Passed() bool { return len(r.Failed()) == 0 }

// Failed returns the runs that failed.
func (r WorkloadReport) Failed() []WorkloadRun {
	var out []WorkloadRun
	for _, run := range r.Runs {
		if !run.Passed {
			out = append(out, run)
		}
	}
	return out
}

// Checks renders the runs as checks, so they join verify's report.
func (r WorkloadReport) Checks() []health.Check {
	var out []health.Check
	for _, run := range r.Runs {
		c := health.Check{ID: run.ID, Status: health.StatusOK, Finding: run.Finding, Duration: run.Took}
		if !run.Passed {
			c.Status, c.Fix = health.StatusFail, run.Fix
		}
		out = append(out, c)
	}
	return out
}

// Run runs the Docker task first, so its result is not spoilt by an agent
// that the Mesos containerizer's task aborted, then the Mesos task, then
// the Chronos job (which also runs on the Mesos containerizer). A run that
// fails does not stop the next. Each run cleans up after itself, on Ctrl-C
// too; the error is ctx's when it ended, with the runs done so far.
func (w *Workload) Run(ctx context.Context) (WorkloadReport, error) {
	var rep WorkloadReport
	c := w.Target.Components
	runs := []struct {
		run WorkloadRun
		off *ComponentError // the component switched off, if any
		do  func(ctx context.Context, r *WorkloadRun)
	}{
		{WorkloadRun{ID: "workload/docker", Name: "mesos-execute task in " + w.Image, Containerizer: ContainerizerDocker}, offUnless(c.Mesos, compMesos), w.executeDocker},
		{WorkloadRun{ID: "workload/mesos", Name: "mesos-execute command task", Containerizer: ContainerizerMesos}, offUnless(c.Mesos, compMesos), w.executeMesos},
		{WorkloadRun{ID: "workload/chronos", Name: "Chronos job run", Containerizer: ContainerizerMesos}, offUnless(c.Mesos && c.Chronos, compChronos), w.chronosRun},
	}
	for _, s := range runs {
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("workload: %w", err)
		}
		r := s.run
		if s.off != nil {
			r.Passed, r.Skipped = true, true
			r.Finding = fmt.Sprintf("skipped: %s is switched off in this lab (%s: false)", s.off.Component, s.off.Key)
			rep.Runs = append(rep.Runs, r)
			continue
		}
		w.onRun(r, false)
		start := w.clock().Now()
		s.do(ctx, &r)
		r.Took = seconds.Duration(w.clock().Now().Sub(start))
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("workload %s: %w", r.ID, err)
		}
		if !r.Passed {
			r.AgentLogs = w.agentLogs(ctx, r.Agent)
			if line := abortLine(r.AgentLogs); line != "" {
				r.Finding += "; the agent aborted: " + line
			}
		}
		w.onRun(r, true)
		rep.Runs = append(rep.Runs, r)
	}
	return rep, nil
}

// offUnless returns the component that is switched off, nil when on is true.
func offUnless(on bool, comp ComponentError) *ComponentError {
	if on {
		return nil
	}
	comp.Off = true
	return &comp
}

func (w *Workload) onRun(r WorkloadRun, done bool) {
	if w.OnRun != nil {
		w.OnRun(r, done)
	}
}

func (w *Workload) clock() Clock { return clockOr(w.Clock) }

// agentNode names the lab node of an agent ID; empty when not registered.
func (w *Workload) agentNode(id string) string {
	for _, a := range w.Agents {
		if a.ID == id {
			return a.Node
		}
	}
	return ""
}

// fail marks the run failed with a finding and a fix.
func (r *WorkloadRun) fail(fix, format string, args ...any) {
	r.Passed, r.Fix = false, fix
	r.Finding = fmt.Sprintf(format, args...)
}

// agentHint is where to look next for a run that failed.
func agentHint(agent string) string {
	if agent == "" {
		agent = "AGENT"
	}
	return fmt.Sprintf("read the agent's log below, or `mesoslab ssh %s -- sudo journalctl -u mesos-agent`", agent)
}

// mesosContainerizerFix explains the likeliest cause of a Mesos
// containerizer failure on these agents (upstream review F2): the cgroup
// v2 isolator CHECKs that its cgroup root exists, and nothing creates it
// unless --agent_subsystems is set.
func mesosContainerizerFix(agent string) string {
	return agentHint(agent) + "; on cgroup v2 the Mesos containerizer needs /sys/fs/cgroup/mesos with `+cpu +memory` in its cgroup.subtree_control before the agent starts"
}
