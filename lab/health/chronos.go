package health

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
)

// chronosFramework is the framework name Chronos registers by default
// (--mesos_framework_name).
const chronosFramework = "chronos"

// chronosJob is the part of a Chronos job the lab reads.
type chronosJob struct {
	Name         string `json:"name"`
	Schedule     string `json:"schedule"`
	SuccessCount int    `json:"successCount"`
	ErrorCount   int    `json:"errorCount"`
	LastSuccess  string `json:"lastSuccess"`
	LastError    string `json:"lastError"`
	Disabled     bool   `json:"disabled"`
}

// parseChronosJobs reads the job list, a JSON array in every version.
func parseChronosJobs(body []byte) ([]chronosJob, error) {
	var jobs []chronosJob
	if err := json.Unmarshal(body, &jobs); err != nil {
		return nil, fmt.Errorf("chronos job list: %w", err)
	}
	return jobs, nil
}

// chronosAPIs are the job-list paths: Chronos 3.x mounts its API under
// /v1/scheduler, 2.x under /scheduler; a 404 on the first means the second.
var chronosAPIs = [...]string{"/v1/scheduler", "/scheduler"}

// probeChronos lists one master's Chronos jobs. A non-leader proxies the
// request to the leader, so an answer also shows a leader exists.
func (r *round) probeChronos(ctx context.Context, n Node) (ChronosInstance, Check) {
	ctx, cancel := r.bounded(ctx)
	defer cancel()
	inst := ChronosInstance{Node: n}
	id := "chronos/" + n.Name
	where := fmt.Sprintf("Chronos on %s (%s)", n.Name, net.JoinHostPort(n.Addr, strconv.Itoa(r.t.Ports.Chronos)))
	var jobs []chronosJob
	var err error
	took := timed(func() {
		var rep reply
		for _, api := range chronosAPIs {
			inst.API = api
			rep, err = r.get(ctx, n.Addr, r.t.Ports.Chronos, api+"/jobs")
			if err != nil || rep.code != http.StatusNotFound {
				break
			}
		}
		if err != nil {
			return
		}
		if rep.code != http.StatusOK {
			err = rep.statusError()
			return
		}
		jobs, err = parseChronosJobs(rep.body)
	})
	if err != nil {
		inst.API = ""
		return inst, fail(id, took, journalFix(n.Name, unitChronos), "%s cannot list jobs: %s", where, reason(err, r.t.timeout()))
	}
	inst.Jobs = len(jobs)
	return inst, ok(id, took, "%s lists %d jobs at %s/jobs", where, len(jobs), inst.API)
}
