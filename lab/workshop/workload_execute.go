package workshop

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/provision"
)

// The containerizer runs use Mesos's own mesos-execute rather than a
// Marathon app: it launches exactly one task, never retries it, and prints
// every status update with its message, source and reason, plus the agent
// the task went to. Marathon would relaunch a failing task with back-off
// and keep only its last failure. mesos-execute ships in the aventer-mesos
// deb the masters install (src/cli/CMakeLists.txt:29-31 at clusterd
// v1.11.0-0.9.0), and it tests the containerizer without Marathon or
// Chronos in the way.
const (
	executeCmdTask    = "mesoslab-verify-cmd"
	executeDockerTask = "mesoslab-verify-docker"
	// executeResources is far below mesos-execute's default cpus:1;mem:128
	// (src/cli/execute.cpp:203-206), which a small lab agent may not offer.
	executeResources = "cpus:0.1;mem:32"
	// timeoutExit is coreutils timeout's status when time ran out.
	timeoutExit = 124
	// notFoundExit is the shell's status for an unknown command.
	notFoundExit = 127
)

// executeCommand is the mesos-execute command line, under coreutils
// timeout so the task's wait is bounded on the node too. Flags, from
// src/cli/execute.cpp at clusterd v1.11.0-0.9.0: --master (l.102),
// --name (l.179, also the task ID, l.1160), --command (l.191, run by a
// shell: --shell defaults to true, l.183), --resources (l.203),
// --docker_image (l.238) and --containerizer (l.249: mesos or docker; the
// docker containerizer requires --docker_image, l.889). When the
// framework's connection ends (timeout or Ctrl-C kills mesos-execute) the
// master removes it and its task at once: mesos-execute sets no
// failover_timeout, which defaults to 0 (include/mesos/v1/mesos.proto:257).
func executeCommand(master, task, containerizer, image string, limit time.Duration) string {
	args := []string{
		"timeout", "--kill-after=10", strconv.Itoa(int(limit.Seconds())), "mesos-execute",
		"--master=" + master, "--name=" + task, "--command=true",
		"--resources=" + executeResources, "--containerizer=" + containerizer,
	}
	if image != "" {
		args = append(args, "--docker_image="+image)
	}
	for i, a := range args {
		args[i] = provision.Quote(a)
	}
	return strings.Join(args, " ")
}

func (w *Workload) executeDocker(ctx context.Context, r *WorkloadRun) {
	w.execute(ctx, r, executeDockerTask, w.Image)
}

func (w *Workload) executeMesos(ctx context.Context, r *WorkloadRun) {
	w.execute(ctx, r, executeCmdTask, "")
}

// execute runs mesos-execute on the leader over SSH and reads its output.
// mesos-execute exits 0 whatever became of the task (execute.cpp:1235-1237),
// so the verdict is the last status update it printed.
func (w *Workload) execute(ctx context.Context, r *WorkloadRun, task, image string) {
	what := fmt.Sprintf("the %s containerizer", r.Containerizer)
	if image != "" {
		what += " (image " + image + ")"
	}
	if w.Leader.Name == "" {
		r.fail("run `mesoslab verify` and fix the Mesos checks first", "not run: no elected Mesos master to run mesos-execute on")
		return
	}
	limit := orDefault(w.Timeout, DefaultWorkloadTimeout)
	master := fmt.Sprintf("%s:%d", w.Leader.Addr, w.Target.Ports.MesosMaster)
	sh, err := w.Shell.Runner(ctx, w.Leader.Name)
	if err != nil {
		r.fail("check the node with `mesoslab status`", "cannot open a shell on %s to run mesos-execute: %v", w.Leader.Name, err)
		return
	}
	cmd := provision.Command{Cmd: executeCommand(master, task, r.Containerizer, image, limit), Timeout: limit + 30*time.Second}
	res, err := sh.Run(ctx, cmd)
	if ctx.Err() != nil {
		return
	}
	out := parseExecute(string(res.Stdout))
	r.State, r.Agent = out.state, w.agentNode(out.agentID)
	on := r.Agent
	if on == "" {
		on = "agent " + out.agentID
	}
	var ce *provision.CmdError
	switch {
	case err == nil && out.state == "TASK_FINISHED":
		r.Passed = true
		r.Finding = fmt.Sprintf("`true` finished on %s with %s (%s)", on, what, strings.Join(out.states, " → "))
	case err == nil && out.state == "":
		r.fail("run it by hand: `mesoslab ssh "+w.Leader.Name+" -- "+cmd.Cmd+"`",
			"mesos-execute on %s printed no status update: %s", w.Leader.Name, outputTail(res))
	case err == nil:
		r.fail(mesosContainerizerFixFor(r.Containerizer, r.Agent), "%s failed on %s: %s", what, on, out.describe())
	case errors.As(err, &ce) && ce.ExitCode == notFoundExit:
		r.fail("install the aventer-mesos package on "+w.Leader.Name+", which ships mesos-execute",
			"mesos-execute is not installed on %s: %s", w.Leader.Name, outputTail(res))
	case errors.As(err, &ce) && ce.ExitCode == timeoutExit && out.agentID == "":
		r.fail("check that every agent is registered and has free cpus and memory (`mesoslab status`, the Mesos web UI)",
			"no offer fit the task within %s: the master offered no agent with %s free", limit, executeResources)
	case errors.As(err, &ce) && ce.ExitCode == timeoutExit:
		state := out.state
		if state == "" {
			state = "no status update"
		}
		r.fail(mesosContainerizerFixFor(r.Containerizer, r.Agent), "%s on %s: the task did not end within %s (last: %s)", what, on, limit, state)
	default:
		r.fail("run it by hand: `mesoslab ssh "+w.Leader.Name+" -- "+cmd.Cmd+"`", "mesos-execute on %s failed: %v", w.Leader.Name, err)
	}
}

// mesosContainerizerFixFor is the fix for a failed task of containerizer.
func mesosContainerizerFixFor(containerizer, agent string) string {
	if containerizer == ContainerizerMesos {
		return mesosContainerizerFix(agent)
	}
	return agentHint(agent) + "; the docker containerizer needs dockerd running and the image pullable on the agent"
}

// executeOutput is what mesos-execute printed: the agent its task went to
// and every status update, the last one with its details.
type executeOutput struct {
	agentID                 string
	states                  []string
	state                   string
	message, source, reason string
}

// The lines mesos-execute prints on standard output (src/cli/execute.cpp
// at clusterd v1.11.0-0.9.0): "Submitted task 'NAME' to agent 'ID'"
// (l.611), "Received status update STATE for task 'ID'" (l.702) and,
// indented, "message: '…'", "source: …" and "reason: …" (l.705-713).
var (
	executeSubmitted = regexp.MustCompile(`^Submitted task '.*' to agent '(.*)'$`)
	executeUpdate    = regexp.MustCompile(`^Received status update (\S+) for task '.*'$`)
	executeDetail    = regexp.MustCompile(`^  (message|source|reason): (.*)$`)
)

func parseExecute(stdout string) executeOutput {
	var o executeOutput
	for _, line := range strings.Split(stdout, "\n") {
		line = strings.TrimRight(line, "\r")
		if m := executeSubmitted.FindStringSubmatch(line); m != nil {
			o.agentID = m[1]
		} else if m := executeUpdate.FindStringSubmatch(line); m != nil {
			o.state, o.message, o.source, o.reason = m[1], "", "", ""
			o.states = append(o.states, m[1])
		} else if m := executeDetail.FindStringSubmatch(line); m != nil {
			switch v := m[2]; m[1] {
			case "message":
				o.message = strings.TrimSuffix(strings.TrimPrefix(v, "'"), "'")
			case "source":
				o.source = v
			case "reason":
				o.reason = v
			}
		}
	}
	return o
}

// describe renders the last status update: state, message, reason, source.
func (o executeOutput) describe() string {
	s := o.state
	if o.message != "" {
		s += " '" + o.message + "'"
	}
	var more []string
	if o.reason != "" {
		more = append(more, o.reason)
	}
	if o.source != "" {
		more = append(more, "from "+o.source)
	}
	if len(more) > 0 {
		s += " (" + strings.Join(more, ", ") + ")"
	}
	return s
}

// outputTail is the end of a command's output for a finding, on one line.
func outputTail(res provision.Result) string {
	for _, out := range [][]byte{res.Stderr, res.Stdout} {
		if tail := provision.LastLines(out, 3); tail != "" {
			return strings.ReplaceAll(tail, "\n", " | ")
		}
	}
	return "no output"
}
