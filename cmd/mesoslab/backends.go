package main

import (
	"sync"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/doctor"
	"github.com/mesoslab/mesoslab/vagrant"
)

// hardStop collects what a second Ctrl-C must kill at once: the first one
// only cancels, so that Vagrant can clean up.
type hardStop struct {
	mu    sync.Mutex
	kills []func()
}

func (h *hardStop) add(kill func()) {
	if h == nil {
		return
	}
	h.mu.Lock()
	h.kills = append(h.kills, kill)
	h.mu.Unlock()
}

func (h *hardStop) killAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, k := range h.kills {
		k()
	}
}

// backends wires the real outside world: the vagrant command and this host.
func (s streams) backends() lab.Backends {
	return lab.Backends{
		Vagrant: func(dir string) vagrant.Driver {
			c := vagrant.NewCLI(dir, vagrant.CLIOptions{})
			s.hard.add(c.Kill)
			return c
		},
		Host:          doctor.NewSystemHost(),
		DockerNetwork: vagrant.EnsureDockerNetwork,
	}
}
