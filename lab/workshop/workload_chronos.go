package workshop

import (
	"context"
	"fmt"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// WorkloadJobName is the Chronos job of the workload check; it is deleted
// when the run ends.
const WorkloadJobName = "mesoslab-verify-job"

// workloadJob is a job Chronos itself will not run before it is deleted:
// one run, a day from now. The run is started at once through the trigger
// instead, which does not depend on the Chronos host's clock or its
// scheduling horizon. Retries 0 makes a failed run count as an error at
// once rather than after two retries a minute apart (JobScheduler.scala,
// handleFailedTask, at Chronos v3.0.2).
func workloadJob(now time.Time) stack.Job {
	noRetries := 0
	return stack.Job{
		Name: WorkloadJobName, Command: "true", Schedule: fmt.Sprintf("R1/%s/PT24H", now.Add(24*time.Hour).UTC().Format(time.RFC3339)),
		Epsilon: demoJobEpsilon, Owner: demoJobOwner, CPUs: demoCPUs, Mem: demoMem, Retries: &noRetries,
	}
}

// chronosRun creates the job, starts it, waits until its successCount or
// errorCount moves (GET …/jobs, JobSerializer.scala at v3.0.2), then
// deletes it, also when ctx ends.
func (w *Workload) chronosRun(ctx context.Context, r *WorkloadRun) {
	d := &Demo{Target: w.Target, HTTP: w.HTTP, Dial: w.Dial, CallTimeout: w.CallTimeout}
	c, node, err := d.chronos(ctx)
	if err != nil {
		r.fail("run `mesoslab verify` and fix the Chronos checks first", "not run: %v", err)
		return
	}
	job := workloadJob(w.clock().Now())
	if err := c.Put(ctx, job); err != nil {
		r.fail(chronosHint(node.Name), "creating Chronos job %s on %s: %v", job.Name, node.Name, err)
		return
	}
	defer func() {
		// A fresh bound: the job must go even after Ctrl-C.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), orDefault(w.CallTimeout, stack.DefaultCallTimeout))
		defer cancel()
		if _, err := c.Delete(cctx, job.Name); err != nil && r.Passed {
			r.fail(chronosHint(node.Name), "job %s ran, but deleting it failed: %v", job.Name, err)
		}
	}()
	base, err := c.Job(ctx, job.Name)
	if err != nil {
		r.fail(chronosHint(node.Name), "reading back Chronos job %s: %v", job.Name, err)
		return
	}
	if err := c.Start(ctx, job.Name); err != nil {
		r.fail(chronosHint(node.Name), "starting Chronos job %s: %v", job.Name, err)
		return
	}
	clock := w.clock()
	limit, poll := orDefault(w.Timeout, DefaultWorkloadTimeout), orDefault(w.Poll, DefaultWorkloadPoll)
	start := clock.Now()
	var lastErr error
	for {
		got, err := c.Job(ctx, job.Name)
		lastErr = err
		switch {
		case err != nil:
		case got.SuccessCount > base.SuccessCount:
			r.Passed, r.State = true, "TASK_FINISHED"
			r.Finding = fmt.Sprintf("job %s ran `true` through Chronos on %s: successCount %d → %d", job.Name, node.Name, base.SuccessCount, got.SuccessCount)
			return
		case got.ErrorCount > base.ErrorCount:
			r.State = "TASK_FAILED"
			r.fail(mesosContainerizerFix(""), "job %s failed through Chronos on %s at %s: errorCount %d → %d (its task runs on the Mesos containerizer)",
				job.Name, node.Name, got.LastError, base.ErrorCount, got.ErrorCount)
			return
		}
		if clock.Now().Sub(start) >= limit {
			msg := fmt.Sprintf("job %s did not run within %s: successCount and errorCount stayed at %d and %d", job.Name, limit, base.SuccessCount, base.ErrorCount)
			if lastErr != nil {
				msg += fmt.Sprintf("; Chronos: %v", lastErr)
			}
			r.fail("check that the chronos framework is active and the agents have free cpus and memory (`mesoslab status`); "+chronosHint(node.Name), "%s", msg)
			return
		}
		if err := clock.Sleep(ctx, poll); err != nil {
			return
		}
	}
}

func chronosHint(node string) string {
	return fmt.Sprintf("see `mesoslab ssh %s -- sudo journalctl -u chronos`", node)
}
