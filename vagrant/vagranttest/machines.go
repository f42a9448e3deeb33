package vagranttest

import (
	"context"
	"time"

	"github.com/mesoslab/mesoslab/vagrant"
)

// Up brings node up after UpDelay. onEvent gets what a real `vagrant up`
// of the docker provider streams first: a raw machine-readable line, then
// its parsed ui event. A failure set by FailUp comes last, with its message
// as a raw Stderr line and in the *vagrant.Error.
func (d *Driver) Up(ctx context.Context, node, provider string, onEvent func(vagrant.Event)) error {
	d.record("up " + node)
	d.mu.Lock()
	d.running++
	d.maxRun = max(d.maxRun, d.running)
	d.mu.Unlock()
	defer func() { d.mu.Lock(); d.running--; d.mu.Unlock() }()
	if onEvent == nil {
		onEvent = func(vagrant.Event) {}
	}
	onEvent(vagrant.Event{Kind: vagrant.KindRaw, Node: node, Data: "1," + node + ",ui,info,==> " + node + ": Creating the container..."})
	onEvent(vagrant.Event{Kind: vagrant.KindUI, Node: node, Data: "==> " + node + ": Creating the container..."})
	select {
	case <-time.After(d.UpDelay):
	case <-ctx.Done():
		return &vagrant.Error{Node: node, Command: "up", ExitCode: 1, Err: ctx.Err()}
	}
	d.mu.Lock()
	fail := d.failUp[node]
	d.mu.Unlock()
	if fail != nil {
		onEvent(vagrant.Event{Kind: vagrant.KindRaw, Node: node, Data: "Stderr: " + fail.Error()})
		return &vagrant.Error{Node: node, Command: "up", ExitCode: 1, Message: fail.Error(), Err: errExit}
	}
	d.setState(node, Running)
	return nil
}

// Status reports every machine the fake knows, by name, on the docker
// provider; or the error set by FailStatus.
func (d *Driver) Status(ctx context.Context) ([]vagrant.MachineStatus, error) {
	d.record("status")
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.statusErr != nil {
		return nil, d.statusErr
	}
	var out []vagrant.MachineStatus
	for _, name := range sortedNames(d.states) {
		out = append(out, vagrant.MachineStatus{Name: name, State: d.states[name], Provider: vagrant.ProviderDocker})
	}
	return out, nil
}

// SSHConfig answers as Vagrant does for a docker machine: 127.0.0.1, port
// 2222, user vagrant.
func (d *Driver) SSHConfig(ctx context.Context, node string) (vagrant.SSHConfig, error) {
	d.record("ssh-config " + node)
	return vagrant.SSHConfig{Host: node, HostName: "127.0.0.1", Port: 2222, User: "vagrant"}, nil
}

// Halt stops node.
func (d *Driver) Halt(ctx context.Context, node string) error {
	d.record("halt " + node)
	d.setState(node, Stopped)
	return nil
}

// Destroy removes node.
func (d *Driver) Destroy(ctx context.Context, node string) error {
	d.record("destroy " + node)
	d.setState(node, NotCreated)
	return nil
}
