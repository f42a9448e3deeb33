package main

import (
	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/doctor"
	"github.com/mesoslab/mesoslab/vagrant"
)

// backends wires the real outside world: the vagrant command and this host.
func (s streams) backends() lab.Backends {
	if s.world != nil {
		return *s.world
	}
	return lab.Backends{
		Vagrant: func(dir string) vagrant.Driver {
			c := vagrant.NewCLI(dir, vagrant.CLIOptions{})
			s.hard.add(c)
			return c
		},
		Host:          doctor.NewSystemHost(),
		DockerNetwork: vagrant.EnsureDockerNetwork,
	}
}
