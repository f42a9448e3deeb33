// Package vagranttest is an in-memory vagrant.Driver for tests of the code
// that drives Vagrant (package lab, the commands): machine states are
// scripted, every call is recorded, and failures are injected per call. It
// runs no process. To test mesoslab against the real vagrant binary's
// output instead, see vagrant/internal/fakevagrant.
package vagranttest

import (
	"context"
	"errors"
	"sort"
	"sync"
	"time"

	"github.com/hashicorp/go-version"

	"github.com/mesoslab/mesoslab/vagrant"
)

// Machine state ids the fake sets, as Vagrant's docker provider prints them.
const (
	Running    = "running"
	Stopped    = "stopped"
	NotCreated = "not_created"
)

// Driver is a scripted vagrant.Driver. Up makes a machine Running, Halt
// Stopped and Destroy NotCreated; Status reports every machine it knows.
// It is safe for concurrent use, as lab's bounded ups need.
type Driver struct {
	// UpDelay is how long each Up takes. An Up whose context ends first
	// fails as a cancelled vagrant does, leaving the state as it was.
	UpDelay time.Duration

	mu        sync.Mutex
	states    map[string]string
	calls     []string
	failUp    map[string]error
	statusErr error
	running   int // concurrent ups right now
	maxRun    int // most concurrent ups seen
}

// New is a Driver whose machines start in states (node name → state id,
// e.g. "running", "poweroff", "not_created"); nil means none exists yet.
func New(states map[string]string) *Driver {
	d := &Driver{states: map[string]string{}, failUp: map[string]error{}}
	for name, st := range states {
		d.states[name] = st
	}
	return d
}

// FailUp makes every Up of node fail with err as its message, the way
// Vagrant fails (a *vagrant.Error with exit code 1); nil makes it succeed
// again.
func (d *Driver) FailUp(node string, err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err == nil {
		delete(d.failUp, node)
		return
	}
	d.failUp[node] = err
}

// FailStatus makes Status fail with err (Vagrant missing or broken); nil
// makes it answer again.
func (d *Driver) FailStatus(err error) {
	d.mu.Lock()
	d.statusErr = err
	d.mu.Unlock()
}

// State is node's state id now; "" when the fake has never heard of it.
func (d *Driver) State(node string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.states[node]
}

// States is a copy of every machine's state id.
func (d *Driver) States() map[string]string {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make(map[string]string, len(d.states))
	for name, st := range d.states {
		out[name] = st
	}
	return out
}

// Calls lists the calls so far, in order, as "status", "up NODE",
// "ssh-config NODE", "halt NODE" and "destroy NODE". Version is not
// recorded.
func (d *Driver) Calls() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.calls...)
}

// MaxConcurrentUps is the most Ups that ran at the same time.
func (d *Driver) MaxConcurrentUps() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.maxRun
}

func (d *Driver) record(call string) {
	d.mu.Lock()
	d.calls = append(d.calls, call)
	d.mu.Unlock()
}

func (d *Driver) setState(node, state string) {
	d.mu.Lock()
	d.states[node] = state
	d.mu.Unlock()
}

var _ vagrant.Driver = (*Driver)(nil)

// errExit is what exec reports for a vagrant that exited with 1.
var errExit = errors.New("exit status 1")

// sortedNames is the machines' names in order, as a Vagrantfile lists them
// for the tests: sorted, so Status answers the same every time.
func sortedNames(states map[string]string) []string {
	names := make([]string, 0, len(states))
	for name := range states {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// fakeVersion is the Vagrant the fake claims to be.
var fakeVersion = version.Must(version.NewVersion("2.3.4"))

// Version reports a fixed Vagrant 2.3.4.
func (d *Driver) Version(ctx context.Context) (*version.Version, error) { return fakeVersion, nil }
