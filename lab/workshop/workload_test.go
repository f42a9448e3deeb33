package workshop

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/provision"
)

// On the scripted nodes and the fake Chronos (workloadLab): a lab whose
// containerizers work passes every run, reads no journal and leaves no job.
func TestWorkloadPassesOnScriptedNodesAndFakeChronos(t *testing.T) {
	l := newWorkloadLab(t)
	l.execute(executeDockerTask, "workload/execute-docker-finished.txt", 0)
	l.execute(executeCmdTask, "workload/execute-cmd-finished.txt", 0)
	rep, err := l.workload().Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Passed() || len(rep.Runs) != 3 {
		t.Fatalf("runs: %+v", rep.Runs)
	}
	docker, cmd, job := runByID(t, rep, "workload/docker"), runByID(t, rep, "workload/mesos"), runByID(t, rep, "workload/chronos")
	if docker.Agent != "agent2" || docker.Containerizer != ContainerizerDocker || docker.State != "TASK_FINISHED" {
		t.Errorf("docker run: %+v", docker)
	}
	if cmd.Agent != "agent1" || cmd.Containerizer != ContainerizerMesos ||
		!strings.Contains(cmd.Finding, "TASK_STARTING → TASK_RUNNING → TASK_FINISHED") {
		t.Errorf("mesos run: %+v", cmd)
	}
	if !strings.Contains(job.Finding, "successCount 0 → 1") {
		t.Errorf("chronos run: %+v", job)
	}
	for _, r := range rep.Runs {
		if len(r.AgentLogs) > 0 || r.Fix != "" {
			t.Errorf("%s passed but carries logs or a fix: %+v", r.ID, r)
		}
	}
	if posted, started, deleted := l.counts(); posted != 1 || started != 1 || deleted != 1 {
		t.Errorf("Chronos job posted %d, started %d, deleted %d times; want 1 each", posted, started, deleted)
	}
	for _, a := range testAgents {
		if n := l.shells[a.Name].Count("journalctl"); n != 0 {
			t.Errorf("%s: %d journalctl on a passing workload", a.Name, n)
		}
	}
	// The command lines carry the flags of src/cli/execute.cpp, aimed at the leader.
	lines := strings.Join(l.shells["master1"].CommandLines(), "\n")
	for _, want := range []string{
		`'--master=127.0.0.11:` + itoa(l.http.Port) + `'`, `'--resources=cpus:0.1;mem:32'`, `'--command=true'`,
		`'--containerizer=docker' '--docker_image=busybox:1.36'`, `'--name=mesoslab-verify-cmd'` + ` ` + `'--command=true'`,
		`'--containerizer=mesos'` + "\n", `timeout '--kill-after=10' 180 mesos-execute`,
	} {
		if !strings.Contains(lines+"\n", want) {
			t.Errorf("mesos-execute commands lack %s:\n%s", want, lines)
		}
	}
	for _, m := range testMasters[1:] {
		if n := len(l.shells[m.Name].Commands()); n != 0 {
			t.Errorf("%s (a standby) got %d commands", m.Name, n)
		}
	}
}

// The first real run of the issue (upstream review F2), on the scripted
// nodes: the Docker task finishes, the Mesos containerizer's task is never
// updated because agent1 aborts in the cgroup v2 isolator's prepare, and
// the Chronos job fails. The report says which containerizer fails, why,
// and shows the agent's journal.
func TestWorkloadNamesTheMesosContainerizerAbortOnCgroupV2(t *testing.T) {
	l := newWorkloadLab(t)
	l.execute(executeDockerTask, "workload/execute-docker-finished.txt", 0)
	l.execute(executeCmdTask, "workload/execute-cmd-staging.txt", timeoutExit)
	l.journal("agent1", "workload/journal-agent1-cgroup-abort.txt")
	l.journal("agent2", "workload/journal-agent2-ok.txt")
	l.journal("agent3", "workload/journal-agent2-ok.txt")
	l.afterStart = "chronos/jobs-workload-error.json"
	rep, err := l.workload().Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Passed() {
		t.Fatal("the workload passed on an agent that aborts")
	}
	if docker := runByID(t, rep, "workload/docker"); !docker.Passed {
		t.Errorf("docker run failed: %+v", docker)
	}
	cmd := runByID(t, rep, "workload/mesos")
	const abort = "the agent aborted: agent1: Check failed: cgroups2::exists(flags.cgroups_root)"
	if cmd.Passed || cmd.Agent != "agent1" || !strings.Contains(cmd.Finding, "the mesos containerizer on agent1: the task did not end within 3m0s") ||
		!strings.Contains(cmd.Finding, abort) || !strings.Contains(cmd.Fix, "/sys/fs/cgroup/mesos") {
		t.Errorf("mesos run: %+v", cmd)
	}
	if len(cmd.AgentLogs) != 1 || cmd.AgentLogs[0].Node != "agent1" || len(cmd.AgentLogs[0].Lines) != 7 {
		t.Errorf("mesos run's logs, want agent1's 7 lines only: %+v", cmd.AgentLogs)
	}
	job := runByID(t, rep, "workload/chronos")
	if job.Passed || !strings.Contains(job.Finding, "errorCount 0 → 1") || !strings.Contains(job.Finding, abort) {
		t.Errorf("chronos run: %+v", job)
	}
	// Chronos does not say where its task ran: every agent's journal is read.
	var nodes []string
	for _, lg := range job.AgentLogs {
		nodes = append(nodes, lg.Node)
	}
	if strings.Join(nodes, ",") != "agent1,agent2,agent3" {
		t.Errorf("chronos run read the journals of %v, want every agent", nodes)
	}
	if _, _, deleted := l.counts(); deleted != 1 {
		t.Errorf("the failed job was deleted %d times, want 1", deleted)
	}
	checks := rep.Checks()
	if len(checks) != 3 || checks[0].Status != health.StatusOK || checks[1].Status != health.StatusFail || checks[1].Fix == "" || checks[2].Status != health.StatusFail {
		t.Errorf("checks: %+v", checks)
	}
}

// How each outcome of mesos-execute on the scripted master reads.
func TestWorkloadExecuteOutcomes(t *testing.T) {
	tests := []struct {
		name   string
		stdout string // testdata file, empty for none
		exit   int
		leader bool
		want   []string // in the mesos run's finding
	}{
		{"launch failed", "workload/execute-docker-launch-failed.txt", 0, true,
			[]string{"failed on agent2", "TASK_FAILED 'Failed to launch container: Failed to run 'docker -H", "(REASON_CONTAINER_LAUNCH_FAILED, from SOURCE_AGENT)"}},
		{"no offer", "workload/execute-no-offer.txt", timeoutExit, true, []string{"no offer fit the task within 3m0s", "cpus:0.1;mem:32"}},
		{"not installed", "", notFoundExit, true, []string{"mesos-execute is not installed on master1"}},
		{"no update", "workload/execute-no-offer.txt", 0, true, []string{"printed no status update"}},
		{"connection lost", "", 255, true, []string{"mesos-execute on master1 failed: master1: command"}},
		{"no leader", "", 0, false, []string{"not run: no elected Mesos master"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newWorkloadLab(t)
			stdout := ""
			if tt.stdout != "" {
				stdout = string(testdata(t, tt.stdout))
			}
			l.shells["master1"].On(`mesos-execute`).Stdout(stdout).Exit(tt.exit)
			for _, a := range testAgents {
				l.journal(a.Name, "workload/journal-agent2-ok.txt")
			}
			w := l.workload()
			if !tt.leader {
				w.Leader = health.Node{}
			}
			rep, err := w.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range []string{"workload/docker", "workload/mesos"} {
				r := runByID(t, rep, id)
				if r.Passed || r.Fix == "" || len(r.AgentLogs) == 0 {
					t.Errorf("%s: want a failure with a fix and logs: %+v", id, r)
				}
				if id == "workload/docker" {
					continue
				}
				for _, want := range tt.want {
					if !strings.Contains(r.Finding, want) {
						t.Errorf("%s finding %q lacks %q", id, r.Finding, want)
					}
				}
			}
			if !tt.leader && len(l.shells["master1"].Commands()) != 0 {
				t.Errorf("mesos-execute ran without a leader: %v", l.shells["master1"].CommandLines())
			}
		})
	}
}

// A Chronos job that never runs is bounded by Timeout and still deleted.
func TestWorkloadChronosJobThatNeverRuns(t *testing.T) {
	l := newWorkloadLab(t)
	l.shells["master1"].On(`mesos-execute`).Stdout(string(testdata(t, "workload/execute-cmd-finished.txt")))
	l.afterStart = ""
	for _, a := range testAgents {
		l.journal(a.Name, "workload/journal-agent2-ok.txt")
	}
	w := l.workload()
	w.Timeout = 30 * time.Second
	rep, err := w.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	job := runByID(t, rep, "workload/chronos")
	if job.Passed || !strings.Contains(job.Finding, "did not run within 30s: successCount and errorCount stayed at 0 and 0") {
		t.Errorf("chronos run: %+v", job)
	}
	if job.Took.Std() < 30*time.Second || job.Took.Std() > 40*time.Second {
		t.Errorf("the run took %s on the fake clock, want about its 30s bound", job.Took)
	}
	if _, _, deleted := l.counts(); deleted != 1 {
		t.Errorf("deleted %d times, want 1", deleted)
	}
}

// Ctrl-C while waiting for the Chronos job ends the run with the context's
// error and still deletes the job.
func TestWorkloadCtrlCDeletesTheChronosJob(t *testing.T) {
	l := newWorkloadLab(t)
	l.shells["master1"].On(`mesos-execute`).Stdout(string(testdata(t, "workload/execute-cmd-finished.txt")))
	l.afterStart = ""
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	l.clock.onSleep = func(n int) {
		if n == 2 {
			cancel()
		}
	}
	rep, err := l.workload().Run(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if len(rep.Runs) != 2 {
		t.Errorf("runs before Ctrl-C: %+v", rep.Runs)
	}
	if posted, started, deleted := l.counts(); posted != 1 || started != 1 || deleted != 1 {
		t.Errorf("posted %d, started %d, deleted %d; want the job deleted after Ctrl-C", posted, started, deleted)
	}
	for _, a := range testAgents {
		if n := l.shells[a.Name].Count("journalctl"); n != 0 {
			t.Errorf("%s: journal read after Ctrl-C", a.Name)
		}
	}
}

// Components switched off skip their runs without a command or a call.
func TestWorkloadSkipsSwitchedOffComponents(t *testing.T) {
	tests := []struct {
		name           string
		mesos, chronos bool
		skipped        []string
	}{
		{"no mesos", false, true, []string{"workload/docker", "workload/mesos", "workload/chronos"}},
		{"no chronos", true, false, []string{"workload/chronos"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newWorkloadLab(t)
			l.execute(executeDockerTask, "workload/execute-docker-finished.txt", 0)
			l.execute(executeCmdTask, "workload/execute-cmd-finished.txt", 0)
			w := l.workload()
			w.Target.Components.Mesos, w.Target.Components.Chronos = tt.mesos, tt.chronos
			rep, err := w.Run(context.Background())
			if err != nil || !rep.Passed() {
				t.Fatalf("err %v, runs %+v", err, rep.Runs)
			}
			var skipped []string
			for _, r := range rep.Runs {
				if r.Skipped {
					skipped = append(skipped, r.ID)
					if !regexp.MustCompile(`^skipped: (Mesos|Chronos) is switched off`).MatchString(r.Finding) {
						t.Errorf("%s: %q", r.ID, r.Finding)
					}
				}
			}
			if strings.Join(skipped, " ") != strings.Join(tt.skipped, " ") {
				t.Errorf("skipped %v, want %v", skipped, tt.skipped)
			}
			if posted, _, _ := l.counts(); !tt.chronos && posted != 0 {
				t.Errorf("a job was posted with Chronos off")
			}
			if !tt.mesos && len(l.shells["master1"].Commands()) != 0 {
				t.Errorf("commands with Mesos off: %v", l.shells["master1"].CommandLines())
			}
		})
	}
}

// mesos-execute's output (src/cli/execute.cpp l.611, l.702-713) is read
// line by line; the last update wins and keeps its details.
func TestParseExecute(t *testing.T) {
	o := parseExecute(string(testdata(t, "workload/execute-docker-launch-failed.txt")))
	if o.agentID != agent2ID || o.state != "TASK_FAILED" || o.reason != "REASON_CONTAINER_LAUNCH_FAILED" || o.source != "SOURCE_AGENT" ||
		!strings.HasPrefix(o.message, "Failed to launch container: ") || !strings.HasSuffix(o.message, "no such host'") {
		t.Errorf("%+v", o)
	}
	o = parseExecute(string(testdata(t, "workload/execute-cmd-finished.txt")))
	if o.state != "TASK_FINISHED" || o.message != "Command exited with status 0" || o.reason != "" || len(o.states) != 3 {
		t.Errorf("%+v", o)
	}
}

// Ctrl-C while mesos-execute runs reaches the remote command (the Runner
// signals it; the master then removes the framework and its task, as
// mesos-execute sets no failover_timeout) and ends the check at once.
func TestWorkloadCtrlCStopsMesosExecute(t *testing.T) {
	l := newWorkloadLab(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var cmdTimeout time.Duration
	l.shells["master1"].On(`mesos-execute`).Func(func(ctx context.Context, c provision.Command) (provision.Result, error) {
		cmdTimeout = c.Timeout
		cancel()
		<-ctx.Done()
		return provision.Result{ExitCode: -1}, ctx.Err()
	})
	rep, err := l.workload().Run(ctx)
	if !errors.Is(err, context.Canceled) || len(rep.Runs) != 0 {
		t.Fatalf("err %v, runs %+v; want context.Canceled and no run", err, rep.Runs)
	}
	if cmdTimeout <= DefaultWorkloadTimeout {
		t.Errorf("the command's own timeout %s does not leave room for timeout(1)'s %s", cmdTimeout, DefaultWorkloadTimeout)
	}
	if posted, _, _ := l.counts(); posted != 0 {
		t.Errorf("a Chronos job was posted after Ctrl-C")
	}
	for _, a := range testAgents {
		if n := len(l.shells[a.Name].Commands()); n != 0 {
			t.Errorf("%s got commands after Ctrl-C", a.Name)
		}
	}
}
