package health

import (
	"context"
	"fmt"
	"net"
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
		ch := stack.NewChronos(stack.BaseURL(n.Addr, r.t.Ports.Chronos), r.http.HTTP, r.http.Timeout)
		jobs, err = ch.Detect(ctx)
		inst.API = ch.API
	})
	if err != nil {
		inst.API = ""
		return inst, fail(id, took, journalFix(n.Name, unitChronos), "%s cannot list jobs: %s", where, reason(err, r.t.timeout()))
	}
	inst.Jobs = len(jobs)
	return inst, ok(id, took, "%s lists %d jobs at %s/jobs", where, len(jobs), inst.API)
}
