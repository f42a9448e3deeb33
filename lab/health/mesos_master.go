package health

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"
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

// parseElected reads master/elected from a /metrics/snapshot body. Mesos
// writes every metric as a double ("master/elected":1.0).
func parseElected(body []byte) (elected, known bool, err error) {
	var metrics map[string]json.Number
	if err := json.Unmarshal(body, &metrics); err != nil {
		return false, false, fmt.Errorf("metrics snapshot: %w", err)
	}
	v, found := metrics["master/elected"]
	if !found {
		return false, false, nil
	}
	f, err := v.Float64()
	if err != nil {
		return false, false, fmt.Errorf("metrics snapshot master/elected %q: %w", v, err)
	}
	return f == 1, true, nil
}

// probeMesosMaster reads one master's view of the election.
func (r *round) probeMesosMaster(ctx context.Context, n Node) masterProbe {
	ctx, cancel := r.bounded(ctx)
	defer cancel()
	res := masterProbe{master: MesosMaster{Node: n}}
	res.took = timed(func() {
		port := r.t.Ports.MesosMaster
		rep, err := r.get(ctx, n.Addr, port, "/metrics/snapshot")
		if err == nil && rep.code != http.StatusOK {
			err = rep.statusError()
		}
		if err != nil {
			res.err = err
			return
		}
		res.master.Reached = true
		res.master.Elected, res.electedKnown, res.err = parseElected(rep.body)
		if res.err != nil {
			res.err = fmt.Errorf("GET %s: %w", rep.url, res.err)
			return
		}
		rep, err = r.get(ctx, n.Addr, port, "/master/redirect")
		switch {
		case err != nil:
			res.err = err
		case rep.code == http.StatusServiceUnavailable:
			res.noLeader = true
		case rep.code == http.StatusTemporaryRedirect:
			hostport, _, found := locationHost(rep.header.Get("Location"))
			if !found {
				res.err = fmt.Errorf("GET %s: 307 with unusable Location %q", rep.url, rep.header.Get("Location"))
				return
			}
			res.master.Redirect = hostport
		default:
			res.err = rep.statusError()
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
