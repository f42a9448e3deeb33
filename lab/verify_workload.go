package lab

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/workshop"
)

// WorkloadOptions tune VerifyWorkload.
type WorkloadOptions struct {
	// Timeout bounds each run; zero means workshop.DefaultWorkloadTimeout.
	Timeout time.Duration
	// Report receives StageVerify events as each run starts and ends.
	Report Reporter
	// Shell runs commands on the nodes; nil opens SSH to the built lab.
	Shell workshop.NodeShell
	// HTTP is the client for Chronos; nil means the workshop's default.
	HTTP *http.Client
}

// WorkloadError is a workload check with a run that failed. The command
// line prints the report and exits 1.
type WorkloadError struct {
	Report workshop.WorkloadReport
}

func (e *WorkloadError) Error() string {
	var parts []string
	for _, r := range e.Report.Failed() {
		parts = append(parts, fmt.Sprintf("%s (%s containerizer): %s", r.ID, r.Containerizer, r.Finding))
	}
	return fmt.Sprintf("the workload failed: %d of %d runs: %s", len(parts), len(e.Report.Runs), strings.Join(parts, "; "))
}

// VerifyWorkload runs real tasks on the lab (workshop.Workload): a task on
// each containerizer and one Chronos job run, aimed at the elected master
// and the agents that rep, a round of Verify, found. It returns the runs
// and nil when all passed, a *WorkloadError when one failed, and ctx's
// error when it ended first. Without o.Shell the lab must be built: the
// commands go over SSH to its machines.
func (l *Lab) VerifyWorkload(ctx context.Context, rep health.Report, o WorkloadOptions) (workshop.WorkloadReport, error) {
	d, p := l.Dir, l.Plan
	shell := o.Shell
	if shell == nil {
		if !d.Exists() {
			return workshop.WorkloadReport{}, fmt.Errorf("lab %s is not built yet (no %s): run `mesoslab up` first", p.Spec.Name, d.Root)
		}
		s := l.Shell()
		defer s.Close()
		shell = s
	}
	w := &workshop.Workload{
		Target: healthTarget(p), Shell: shell, Leader: rep.Mesos.Leader, Agents: rep.Mesos.Agents,
		Image: p.Spec.Sources.Demo.Image, HTTP: o.HTTP, Timeout: o.Timeout,
		OnRun: func(r workshop.WorkloadRun, done bool) {
			// One phase per run and outcome: plain progress prints a line per phase.
			e := Event{Stage: StageVerify, Status: EventProgress, Phase: r.ID,
				Message: fmt.Sprintf("%s on the %s containerizer", r.Name, r.Containerizer)}
			switch {
			case done && r.Passed:
				e.Phase, e.Message = r.ID+" passed", r.Finding
			case done:
				e.Phase, e.Message = r.ID+" failed", r.Finding
			}
			o.Report.emit(e)
		},
	}
	o.Report.emit(Event{Stage: StageVerify, Status: EventStart, Phase: "workload"})
	wr, err := w.Run(ctx)
	if err != nil {
		o.Report.emit(Event{Stage: StageVerify, Status: EventFailed, Phase: "workload", Message: "interrupted"})
		return wr, fmt.Errorf("verify: %w", err)
	}
	if !wr.Passed() {
		err := &WorkloadError{Report: wr}
		o.Report.emit(Event{Stage: StageVerify, Status: EventFailed, Phase: "workload", Message: err.Error()})
		return wr, err
	}
	o.Report.emit(Event{Stage: StageVerify, Status: EventDone, Phase: "workload", Message: fmt.Sprintf("%d workload runs passed", len(wr.Runs))})
	return wr, nil
}
