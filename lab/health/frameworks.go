package health

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// probeFrameworks lists the leader's frameworks from /master/frameworks,
// or from /master/state on masters that lack that endpoint.
func (r *round) probeFrameworks(ctx context.Context, leader Node) (fws []stack.Framework, took time.Duration, err error) {
	ctx, cancel := r.bounded(ctx)
	defer cancel()
	took = timed(func() {
		var rep stack.Reply
		for _, path := range stack.FrameworkPaths {
			rep, err = r.http.Get(ctx, leader.Addr, r.t.Ports.MesosMaster, path)
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
		if fws, err = stack.ParseFrameworks(rep.Body); err != nil {
			err = fmt.Errorf("GET %s: %w", rep.URL, err)
		}
	})
	return fws, took, err
}

// frameworkCheck grades one scheduler's registration with the leader:
// present under its framework name, active and connected.
func (r *round) frameworkCheck(id, name, unit string, leader Node, fws []stack.Framework, took time.Duration, err error) Check {
	if leader.Name == "" {
		return fail(id, 0, "see mesos/leader", "%s framework not checked: there is no single elected Mesos master", name)
	}
	if err != nil {
		return fail(id, took, journalFix(leader.Name, unitMesosMaster),
			"cannot list frameworks on the leader %s: %s", leader.Name, reason(err, r.t.timeout()))
	}
	var found *stack.Framework
	for i := range fws {
		if fws[i].Name != name {
			continue
		}
		// A scheduler that failed over may be listed twice; prefer the live entry.
		if found == nil || (fws[i].Active && fws[i].Connected) {
			found = &fws[i]
		}
	}
	switch {
	case found == nil:
		return fail(id, took, journalFix(r.t.Masters[0].Name, unit)+" (its --master must name the ZooKeeper ensemble)",
			"%s is not registered as a framework with the Mesos leader %s", name, leader.Name)
	case !found.Active || !found.Connected:
		host := r.t.Masters[0].Name
		if n, known := NodeByHost(r.t.Masters, found.Hostname); known {
			host = n.Name
		}
		return fail(id, took, journalFix(host, unit),
			"%s framework %s (scheduler on %s) is registered but %s", name, found.ID, found.Hostname, state(found))
	}
	return ok(id, took, "%s framework active on %s (scheduler on %s)", name, leader.Name, found.Hostname)
}

func state(f *stack.Framework) string {
	switch {
	case !f.Active && !f.Connected:
		return "inactive and disconnected"
	case !f.Active:
		return "inactive"
	}
	return "disconnected"
}
