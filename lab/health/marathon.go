package health

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// probeMarathon asks one master's Marathon for /ping and /v2/info. A
// standby proxies both to the leader, so an answer also shows that the
// instance can reach its leader.
func (r *round) probeMarathon(ctx context.Context, n Node) (MarathonInstance, Check) {
	ctx, cancel := r.bounded(ctx)
	defer cancel()
	inst := MarathonInstance{Node: n}
	id := "marathon/" + n.Name
	where := fmt.Sprintf("Marathon on %s (%s)", n.Name, net.JoinHostPort(n.Addr, strconv.Itoa(r.t.Ports.Marathon)))
	logs := journalFix(n.Name, unitMarathon)
	var ping stack.Reply
	var info stack.MarathonInfo
	var pingErr, infoErr error
	took := timed(func() {
		ping, pingErr = r.http.Get(ctx, n.Addr, r.t.Ports.Marathon, "/ping")
		if pingErr != nil {
			return
		}
		var rep stack.Reply
		if rep, infoErr = r.http.Get(ctx, n.Addr, r.t.Ports.Marathon, "/v2/info"); infoErr != nil {
			return
		}
		if rep.Code != http.StatusOK {
			infoErr = rep.StatusError()
			return
		}
		info, infoErr = stack.ParseMarathonInfo(rep.Body)
	})
	switch {
	case pingErr != nil:
		return inst, fail(id, took, logs, "%s does not answer: %s", where, reason(pingErr, r.t.timeout()))
	case ping.Code != http.StatusOK || !stack.IsPong(ping.Body):
		return inst, fail(id, took, logs, "%s answers /ping with HTTP %d %q, not pong", where, ping.Code, stack.Snippet(ping.Body))
	case infoErr != nil:
		// 502/503 "Could not determine the current leader" lands here.
		return inst, fail(id, took, logs, "%s answers /ping but not /v2/info: %s", where, reason(infoErr, r.t.timeout()))
	}
	inst.Version, inst.Leader = info.Version, info.Leader
	if info.Leader == "" {
		return inst, fail(id, took, logs, "%s %s knows no leader", where, info.Version)
	}
	return inst, ok(id, took, "%s: version %s, leader %s", where, info.Version, info.Leader)
}
