package lab

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/stack"
)

// StatusProbeTimeout bounds each probe of status: short, because status is
// a glance and the probes of all nodes run at once.
const StatusProbeTimeout = 2 * time.Second

// NodeOverview is one row of status: the machine and what runs on it.
type NodeOverview struct {
	NodeStatus
	health.NodeSummary
}

// Overview is the lab at a glance.
type Overview struct {
	Nodes   []NodeOverview        `json:"nodes"`
	Cluster health.ClusterSummary `json:"cluster"`
	URLs    []URL                 `json:"urls"`
	// Machines says why the node states are unknown (a loopback lab);
	// empty when Vagrant answered.
	Machines string `json:"machines,omitempty"`
	// Report is the probe round behind the rows.
	Report health.Report `json:"report"`
}

// OverviewOptions tune LabOverview.
type OverviewOptions struct {
	// Timeout bounds each probe; zero means StatusProbeTimeout.
	Timeout time.Duration
	// Prober runs the probes; nil means a zero health.Prober. Its Dial is
	// wrapped so that nodes Vagrant reports as not running are not probed;
	// a Prober with its own HTTP client bypasses that for HTTP.
	Prober *health.Prober
}

// LabOverview combines each node's machine state with one round of probes,
// all nodes at once, so a node that drops packets costs one probe timeout
// in total. It works with part of the lab down, and without Vagrant for a
// loopback lab, which has no machines. Before any probe the lab must exist
// and its running nodes be routed to the lab's network (see
// CheckReachable); otherwise nothing is probed and the error says why.
func (l *Lab) Overview(ctx context.Context, o OverviewOptions) (Overview, error) {
	b, d, p := l.Backends, l.Dir, l.Plan
	var ov Overview
	machines, note, err := machineStates(ctx, b, d, p)
	if err != nil {
		return ov, err
	}
	ov.Machines = note
	t := healthTarget(p)
	t.Timeout = o.Timeout
	if t.Timeout == 0 {
		t.Timeout = StatusProbeTimeout
	}
	prober := health.Prober{}
	if o.Prober != nil {
		prober = *o.Prober
	}
	prober.Dial = onlyRunning(machines, prober.Dial)
	ov.Report = prober.Probe(ctx, t)
	if err := ctx.Err(); err != nil {
		return ov, fmt.Errorf("status: %w", err)
	}
	sum := health.Summarize(t, ov.Report)
	for _, m := range machines {
		row := NodeOverview{NodeStatus: m}
		for _, ns := range sum.Nodes {
			if ns.Node.Name == m.Name {
				row.NodeSummary = ns
			}
		}
		ov.Nodes = append(ov.Nodes, row)
	}
	ov.Cluster = sum.Cluster
	ov.URLs = URLs(p, ov.Report)
	return ov, nil
}

// machineStates gives the nodes' states in plan order, once the lab is
// known to exist and its running nodes to be routed to the lab's network;
// a loopback lab's are unknown, and note says why.
func machineStates(ctx context.Context, b Backends, d Dir, p *config.Plan) ([]NodeStatus, string, error) {
	out := make([]NodeStatus, len(p.Nodes))
	if p.Loopback() {
		for i, n := range p.Nodes {
			out[i] = NodeStatus{Name: n.Name, Role: n.Role, IP: n.IP.String(), SSHPort: n.SSHPort, State: StateUnknown}
		}
		return out, "a loopback lab has no machines; its services are probed where the spec places them", nil
	}
	created, err := createdMachines(ctx, b, d, p.Spec.Name)
	if err != nil {
		return nil, "", err
	}
	var running []config.Node
	for i, n := range p.Nodes {
		st := created.of(n.Name)
		if st.Running() {
			running = append(running, n)
		}
		out[i] = NodeStatus{Name: n.Name, Role: n.Role, IP: n.IP.String(), SSHPort: n.SSHPort, State: st}
	}
	// Only running nodes are probed (see onlyRunning): a halted container
	// lab may have lost its network, and that alone is no reason to fail.
	return out, "", checkRoutes(ctx, b.Host, p, running)
}

// onlyRunning refuses, without a packet sent, to dial nodes whose machine
// is known not to run: their address may not even be routed to the lab.
func onlyRunning(machines []NodeStatus, dial stack.DialFunc) stack.DialFunc {
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	down := map[string]NodeStatus{}
	for _, m := range machines {
		if !m.State.Running() && m.State != StateUnknown {
			down[m.IP] = m
		}
	}
	return func(ctx context.Context, network, address string) (net.Conn, error) {
		if host, _, err := net.SplitHostPort(address); err == nil {
			if m, isDown := down[host]; isDown {
				return nil, &net.OpError{Op: "dial", Net: network, Err: fmt.Errorf("not probed: %s is %s", m.Name, m.State)}
			}
		}
		return dial(ctx, network, address)
	}
}
