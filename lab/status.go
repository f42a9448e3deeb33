package lab

import (
	"context"
	"fmt"

	"github.com/mesoslab/mesoslab/vagrant"
)

// Status is where the lab's machines stand: Status asks Vagrant for every
// node's state, Overview (status_overview.go) adds one round of probes.

// MachineState is a node's machine as status shows it: Vagrant's state id
// (running, poweroff, saved, aborted, stopped, not_created, ...), or
// StateUnknown for a lab that has no machines.
type MachineState string

// Machine states mesoslab acts on or reports besides Vagrant's others.
const (
	StateRunning    MachineState = "running"
	StateNotCreated MachineState = "not_created"
	// StateUnknown: the lab has no machines Vagrant knows of (a loopback
	// lab). The node is probed anyway.
	StateUnknown MachineState = "unknown"
)

// Running reports whether the machine is up.
func (s MachineState) Running() bool { return s.machine().Running() }

// Created reports whether the machine exists in its provider, whatever its
// state.
func (s MachineState) Created() bool { return s.machine().Created() }

// machine lets vagrant.MachineStatus, which owns the meaning of Vagrant's
// state ids, answer for s.
func (s MachineState) machine() vagrant.MachineStatus { return vagrant.MachineStatus{State: string(s)} }

// MachineStates maps node name to its machine as Vagrant reported it.
type MachineStates map[string]vagrant.MachineStatus

// of is node name's state; a machine Vagrant did not report is not created.
func (m MachineStates) of(name string) MachineState {
	if st := m[name].State; st != "" {
		return MachineState(st)
	}
	return StateNotCreated
}

// queryStates asks Vagrant once for every machine. A failure here changes
// nothing: mesoslab never destroys or re-creates a node it could not see.
func queryStates(ctx context.Context, drv vagrant.Driver) (MachineStates, error) {
	list, err := drv.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("ask Vagrant for the machines' states (nothing was changed): %w", err)
	}
	states := MachineStates{}
	for _, m := range list {
		states[m.Name] = m
	}
	return states, nil
}

// NodeStatus is one node as status reports it.
type NodeStatus struct {
	Name    string `json:"name"`
	Role    string `json:"role"`
	IP      string `json:"ip"`
	SSHPort int    `json:"ssh_port"`
	// State is Vagrant's state id (running, poweroff, stopped, not_created...).
	State MachineState `json:"state"`
}

// Status reports every node's machine state. A lab never rendered has no
// machines, and Vagrant is not asked.
func (l *Lab) Status(ctx context.Context) ([]NodeStatus, error) {
	b, d, p := l.Backends, l.Dir, l.Plan
	states := MachineStates{}
	if fileExists(d.Vagrantfile()) {
		var err error
		if states, err = queryStates(ctx, b.Vagrant(d.Root)); err != nil {
			return nil, err
		}
	}
	out := make([]NodeStatus, len(p.Nodes))
	for i, n := range p.Nodes {
		out[i] = NodeStatus{Name: n.Name, Role: n.Role, IP: n.IP.String(), SSHPort: n.SSHPort, State: states.of(n.Name)}
	}
	return out, nil
}
