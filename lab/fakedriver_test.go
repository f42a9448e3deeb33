package lab

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/hashicorp/go-version"

	"github.com/mesoslab/mesoslab/vagrant"
)

// fakeDriver is a scripted vagrant.Driver that keeps machine states in
// memory and records every call, so lifecycle logic is tested without
// Vagrant.
type fakeDriver struct {
	mu        sync.Mutex
	states    map[string]string
	calls     []string
	failUp    map[string]error
	statusErr error
	upDelay   time.Duration
	running   int // concurrent ups right now
	maxRun    int // most concurrent ups seen
}

func newFakeDriver(states map[string]string) *fakeDriver {
	if states == nil {
		states = map[string]string{}
	}
	return &fakeDriver{states: states, failUp: map[string]error{}}
}

func (f *fakeDriver) record(call string) {
	f.mu.Lock()
	f.calls = append(f.calls, call)
	f.mu.Unlock()
}

func (f *fakeDriver) Up(ctx context.Context, node, provider string, onEvent func(vagrant.Event)) error {
	f.record("up " + node)
	f.mu.Lock()
	f.running++
	f.maxRun = max(f.maxRun, f.running)
	f.mu.Unlock()
	defer func() { f.mu.Lock(); f.running--; f.mu.Unlock() }()
	onEvent(vagrant.Event{Kind: vagrant.KindRaw, Node: node, Data: "1," + node + ",ui,info,==> " + node + ": Creating the container..."})
	onEvent(vagrant.Event{Kind: vagrant.KindUI, Node: node, Data: "==> " + node + ": Creating the container..."})
	select {
	case <-time.After(f.upDelay):
	case <-ctx.Done():
		return &vagrant.Error{Node: node, Command: "up", ExitCode: 1, Err: ctx.Err()}
	}
	if err := f.failUp[node]; err != nil {
		onEvent(vagrant.Event{Kind: vagrant.KindRaw, Node: node, Data: "Stderr: " + err.Error()})
		return &vagrant.Error{Node: node, Command: "up", ExitCode: 1, Message: err.Error(), Err: errors.New("exit status 1")}
	}
	f.mu.Lock()
	f.states[node] = "running"
	f.mu.Unlock()
	return nil
}

func (f *fakeDriver) Status(ctx context.Context) ([]vagrant.MachineStatus, error) {
	f.record("status")
	if f.statusErr != nil {
		return nil, f.statusErr
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []vagrant.MachineStatus
	for name, st := range f.states {
		out = append(out, vagrant.MachineStatus{Name: name, State: st, Provider: "docker"})
	}
	return out, nil
}

func (f *fakeDriver) SSHConfig(ctx context.Context, node string) (vagrant.SSHConfig, error) {
	f.record("ssh-config " + node)
	return vagrant.SSHConfig{Host: node, HostName: "127.0.0.1", Port: 2222, User: "vagrant"}, nil
}

func (f *fakeDriver) Halt(ctx context.Context, node string) error {
	f.record("halt " + node)
	f.mu.Lock()
	f.states[node] = "stopped"
	f.mu.Unlock()
	return nil
}

func (f *fakeDriver) Destroy(ctx context.Context, node string) error {
	f.record("destroy " + node)
	f.mu.Lock()
	f.states[node] = "not_created"
	f.mu.Unlock()
	return nil
}

func (f *fakeDriver) Version(ctx context.Context) (*version.Version, error) {
	return version.NewVersion("2.3.4")
}

func (f *fakeDriver) callList() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

var _ vagrant.Driver = (*fakeDriver)(nil)
