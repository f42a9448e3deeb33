package workshop

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/provision"
)

// agentLogTimeout bounds one journalctl over SSH.
const agentLogTimeout = 20 * time.Second

// AgentLog is the end of one agent's mesos-agent journal.
type AgentLog struct {
	Node  string   `json:"node"`
	Lines []string `json:"lines,omitempty"`
	// Error says why the journal could not be read.
	Error string `json:"error,omitempty"`
}

// agentLogCommand reads the agent's last journal lines, as root: the
// journal of a system unit is not readable by the login user.
func agentLogCommand() provision.Command {
	return provision.Command{
		Cmd:     fmt.Sprintf("journalctl -u %s -n %d --no-pager", UnitMesosAgent, AgentLogLines),
		Sudo:    true,
		Timeout: agentLogTimeout,
	}
}

// agentLogs reads the journal of the agent node, or of every agent when
// node is empty (the task's agent is unknown).
func (w *Workload) agentLogs(ctx context.Context, node string) []AgentLog {
	nodes := []string{node}
	if node == "" {
		nodes = nil
		for _, a := range w.Target.Agents {
			nodes = append(nodes, a.Name)
		}
	}
	var out []AgentLog
	for _, n := range nodes {
		l := AgentLog{Node: n}
		sh, err := w.Shell.Runner(ctx, n)
		if err == nil {
			var res provision.Result
			res, err = sh.Run(ctx, agentLogCommand())
			if tail := provision.LastLines(res.Stdout, AgentLogLines); tail != "" {
				l.Lines = strings.Split(tail, "\n")
			}
		}
		if err != nil {
			l.Error = err.Error()
		}
		out = append(out, l)
	}
	return out
}

// abortLine returns the first glog CHECK failure in the logs ("Check
// failed: cgroups2::exists(flags.cgroups_root)" when F2 strikes), the
// line that says why an agent aborted; empty when there is none.
func abortLine(logs []AgentLog) string {
	for _, l := range logs {
		for _, line := range l.Lines {
			if i := strings.Index(line, "Check failed:"); i >= 0 {
				return l.Node + ": " + strings.TrimSpace(line[i:])
			}
		}
	}
	return ""
}
