package health

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// masterProbe is one master's metrics snapshot and redirect.
type masterProbe struct {
	master MesosMaster
	// electedKnown is false when the snapshot lacked master/elected
	// (metrics that time out inside Mesos are left out).
	electedKnown bool
	// noLeader is set when /master/redirect answered 503.
	noLeader bool
	err      error
	took     time.Duration
}

// probeMesosMaster reads one master's view of the election.
func (r *round) probeMesosMaster(ctx context.Context, n Node) masterProbe {
	ctx, cancel := r.bounded(ctx)
	defer cancel()
	res := masterProbe{master: MesosMaster{Node: n}}
	res.took = timed(func() {
		port := r.t.Ports.MesosMaster
		rep, err := r.http.Get(ctx, n.Addr, port, "/metrics/snapshot")
		if err == nil && rep.Code != http.StatusOK {
			err = rep.StatusError()
		}
		if err != nil {
			res.err = err
			return
		}
		res.master.Reached = true
		res.master.Elected, res.electedKnown, res.err = stack.ParseElected(rep.Body)
		if res.err != nil {
			res.err = fmt.Errorf("GET %s: %w", rep.URL, res.err)
			return
		}
		rep, err = r.http.Get(ctx, n.Addr, port, "/master/redirect")
		switch {
		case err != nil:
			res.err = err
		case rep.Code == http.StatusServiceUnavailable:
			res.noLeader = true
		case rep.Code == http.StatusTemporaryRedirect:
			hostport, _, found := locationHost(rep.Header.Get("Location"))
			if !found {
				res.err = fmt.Errorf("GET %s: 307 with unusable Location %q", rep.URL, rep.Header.Get("Location"))
				return
			}
			res.master.Redirect = hostport
		default:
			res.err = rep.StatusError()
		}
	})
	return res
}

// masterCheck grades one master on its own answers.
func (r *round) masterCheck(p masterProbe) Check {
	n := p.master.Node
	id := "mesos/" + n.Name
	where := fmt.Sprintf("Mesos master on %s (%s)", n.Name, net.JoinHostPort(n.Addr, strconv.Itoa(r.t.Ports.MesosMaster)))
	logs := journalFix(n.Name, unitMesosMaster)
	switch {
	case p.err != nil && !p.master.Reached:
		return fail(id, p.took, logs, "%s does not answer: %s", where, reason(p.err, r.t.timeout()))
	case p.err != nil:
		return fail(id, p.took, logs, "%s: %s", where, reason(p.err, r.t.timeout()))
	case p.noLeader:
		return fail(id, p.took, logs, "%s knows no leader (/master/redirect: 503)", where)
	case !p.electedKnown:
		return warn(id, p.took, logs, "%s left master/elected out of its metrics snapshot", where)
	case p.master.Elected:
		return ok(id, p.took, "%s is the elected leader", where)
	}
	return ok(id, p.took, "%s is a standby; it redirects to %s", where, p.master.Redirect)
}
