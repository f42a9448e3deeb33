package lab

import (
	"context"

	"github.com/mesoslab/mesoslab/lab/doctor"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/vagrant"
)

// Backends are the outside world the lifecycle drives, behind narrow
// interfaces so tests swap in scripted fakes.
type Backends struct {
	// Vagrant returns the driver for a lab directory holding a Vagrantfile.
	Vagrant func(dir string) vagrant.Driver
	// Host is what the doctor checks read.
	Host doctor.Host
	// Dial opens SSH runners to nodes; nil means DialSSH.
	Dial Dialer
	// DockerNetwork puts back a container lab's network that another
	// lab's destroy removed (vagrant.EnsureDockerNetwork); nil skips it.
	DockerNetwork func(ctx context.Context, subnet string, members map[string]string) (bool, error)
	// Cache is the host's lab cache ($MESOSLAB_HOME/cache): what nodes
	// downloaded, put on the next lab's nodes before they install. Nil
	// provisions without one, downloading everything as before.
	Cache provision.Cache
}

func (b Backends) dial() Dialer {
	if b.Dial != nil {
		return b.Dial
	}
	return DialSSH
}

// Dialer opens an SSH runner to a node; provision.DialSSH in production, a
// scripted fake in tests.
type Dialer func(ctx context.Context, t provision.SSHTarget, o provision.DialOptions) (provision.Runner, error)

// DialSSH is the production Dialer.
func DialSSH(ctx context.Context, t provision.SSHTarget, o provision.DialOptions) (provision.Runner, error) {
	return provision.DialSSH(ctx, t, o)
}
