package health

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// matchAgents pairs the lab's agents with registered ones, by hostname or
// by the IP in the agent's pid, and names the lab agents that are missing
// or inactive.
func matchAgents(want []Node, got []stack.Slave) (facts []MesosAgent, missing, inactive []string) {
	seen := make(map[string]bool)
	for _, s := range got {
		f := MesosAgent{ID: s.ID, Hostname: s.Hostname, PID: s.PID, Active: s.Active}
		n, found := NodeByHost(want, pidHost(s.PID))
		if !found {
			n, found = NodeByHost(want, s.Hostname)
		}
		if found {
			f.Node = n.Name
			// An agent that re-registered may be listed twice; one active entry is enough.
			seen[n.Name] = seen[n.Name] || s.Active
		}
		facts = append(facts, f)
	}
	for _, n := range want {
		active, found := seen[n.Name]
		switch {
		case !found:
			missing = append(missing, n.Name)
		case !active:
			inactive = append(inactive, n.Name)
		}
	}
	return facts, missing, inactive
}

// probeSlaves lists the agents registered with the leader.
func (r *round) probeSlaves(ctx context.Context, leader Node) (agents []stack.Slave, took time.Duration, err error) {
	ctx, cancel := r.bounded(ctx)
	defer cancel()
	took = timed(func() {
		var rep stack.Reply
		rep, err = r.http.Get(ctx, leader.Addr, r.t.Ports.MesosMaster, "/master/slaves")
		if err != nil {
			return
		}
		if rep.Code != http.StatusOK {
			err = rep.StatusError()
			return
		}
		if agents, err = stack.ParseSlaves(rep.Body); err != nil {
			err = fmt.Errorf("GET %s: %w", rep.URL, err)
		}
	})
	return agents, took, err
}

// agentsCheck grades registration: every lab agent registered and active.
func (r *round) agentsCheck(leader Node, got []stack.Slave, took time.Duration, err error) (Check, []MesosAgent) {
	const id = "mesos/agents"
	if leader.Name == "" {
		return fail(id, 0, "see mesos/leader", "agents not checked: there is no single elected Mesos master"), nil
	}
	if err != nil {
		return fail(id, took, journalFix(leader.Name, unitMesosMaster),
			"cannot list agents on the leader %s: %s", leader.Name, reason(err, r.t.timeout())), nil
	}
	facts, missing, inactive := matchAgents(r.t.Agents, got)
	var problems []string
	if len(missing) > 0 {
		problems = append(problems, strings.Join(missing, ", ")+" not registered")
	}
	if len(inactive) > 0 {
		problems = append(problems, strings.Join(inactive, ", ")+" registered but inactive")
	}
	if len(problems) > 0 {
		bad := append(append([]string(nil), missing...), inactive...)
		return fail(id, took, journalFix(bad[0], unitMesosAgent)+" (the agent's --master must name the ZooKeeper ensemble)",
			"%d of %d agents registered and active with %s: %s",
			len(r.t.Agents)-len(bad), len(r.t.Agents), leader.Name, strings.Join(problems, "; ")), facts
	}
	return ok(id, took, "all %d agents registered and active with %s", len(r.t.Agents), leader.Name), facts
}

// agentHealthCheck asks one agent's /health, which answers 200 and an empty body.
func (r *round) agentHealthCheck(ctx context.Context, n Node) Check {
	ctx, cancel := r.bounded(ctx)
	defer cancel()
	id := "mesos-agent/" + n.Name
	where := fmt.Sprintf("Mesos agent on %s (%s)", n.Name, net.JoinHostPort(n.Addr, strconv.Itoa(r.t.Ports.MesosAgent)))
	var rep stack.Reply
	var err error
	took := timed(func() { rep, err = r.http.Get(ctx, n.Addr, r.t.Ports.MesosAgent, "/health") })
	if err == nil && rep.Code != http.StatusOK {
		err = rep.StatusError()
	}
	if err != nil {
		return fail(id, took, journalFix(n.Name, unitMesosAgent), "%s is not healthy: %s", where, reason(err, r.t.timeout()))
	}
	return ok(id, took, "%s is healthy", where)
}
