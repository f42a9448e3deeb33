package lab

import (
	"context"
	"fmt"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/doctor"
)

// PreflightError is a host that failed the doctor checks in front of up.
type PreflightError struct {
	Failed []doctor.Result
}

func (e *PreflightError) Error() string {
	s := fmt.Sprintf("this host cannot run the lab: %d check(s) failed", len(e.Failed))
	for _, r := range e.Failed {
		s += fmt.Sprintf("\n  %s: %s\n    fix: %s", r.ID, r.Finding, r.Fix)
	}
	return s + "\nrun `mesoslab doctor` for the full report, or `mesoslab up --force` to go on anyway"
}

// preflight runs the doctor checks as up's gate. Failures stop up unless
// force turns them into loud warnings; warnings are reported and pass.
func preflight(ctx context.Context, h doctor.Host, p *config.Plan, d Dir, force bool, report Reporter) error {
	report.emit(Event{Stage: StagePreflight, Status: EventStart, Phase: "checking the host"})
	results := doctor.Run(ctx, h, doctorLab(p, d), doctor.Options{})
	var failed []doctor.Result
	for _, r := range results {
		switch r.Status {
		case doctor.StatusFail:
			failed = append(failed, r)
			report.emit(Event{Stage: StagePreflight, Node: r.ID, Status: EventFailed, Message: r.Finding + " (fix: " + r.Fix + ")"})
		case doctor.StatusWarn:
			report.emit(Event{Stage: StagePreflight, Node: r.ID, Status: EventProgress, Phase: "warning", Message: r.Finding})
		}
	}
	if len(failed) > 0 && !force {
		return &PreflightError{Failed: failed}
	}
	msg := fmt.Sprintf("%d checks passed", len(results)-len(failed))
	if len(failed) > 0 {
		msg = fmt.Sprintf("%d checks FAILED, going on because of --force", len(failed))
	}
	report.emit(Event{Stage: StagePreflight, Status: EventDone, Message: msg})
	return nil
}
