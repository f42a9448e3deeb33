package health

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// probeChronos lists one master's Chronos jobs. A non-leader proxies the
// request to the leader, so an answer also shows a leader exists.
func (r *round) probeChronos(ctx context.Context, n Node) (ChronosInstance, Check) {
	ctx, cancel := r.bounded(ctx)
	defer cancel()
	inst := ChronosInstance{Node: n}
	id := "chronos/" + n.Name
	where := fmt.Sprintf("Chronos on %s (%s)", n.Name, net.JoinHostPort(n.Addr, strconv.Itoa(r.t.Ports.Chronos)))
	var jobs []stack.Job
	var err error
	took := timed(func() {
		var rep stack.Reply
		for _, api := range stack.ChronosAPIs {
			inst.API = api
			rep, err = r.http.Get(ctx, n.Addr, r.t.Ports.Chronos, api+"/jobs")
			if err != nil || rep.Code != http.StatusNotFound {
				break
			}
		}
		if err != nil {
			return
		}
		if rep.Code != http.StatusOK {
			err = rep.StatusError()
			return
		}
		jobs, err = stack.ParseChronosJobs(rep.Body)
	})
	if err != nil {
		inst.API = ""
		return inst, fail(id, took, journalFix(n.Name, unitChronos), "%s cannot list jobs: %s", where, reason(err, r.t.timeout()))
	}
	inst.Jobs = len(jobs)
	return inst, ok(id, took, "%s lists %d jobs at %s/jobs", where, len(jobs), inst.API)
}
