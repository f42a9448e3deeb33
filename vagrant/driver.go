package vagrant

import (
	"context"

	"github.com/hashicorp/go-version"
)

// Driver is what the rest of mesoslab needs from Vagrant, one node at a
// time. Every method runs vagrant as a child process that ctx cancels with
// one SIGINT, so Vagrant can clean up, before it is killed.
type Driver interface {
	// Up brings node up with provider ("docker", "virtualbox", or "" for
	// Vagrant's default) and no Vagrant provisioning. onEvent, when not nil,
	// gets every line vagrant prints as a "raw" Event, followed by its parsed
	// Event when the line is machine-readable; calls are never concurrent and
	// all happen before Up returns. vagrant waits while onEvent runs, so it
	// should return quickly.
	Up(ctx context.Context, node, provider string, onEvent func(Event)) error
	// Status reports every machine of the Vagrantfile in Vagrant's order.
	Status(ctx context.Context) ([]MachineStatus, error)
	// SSHConfig reports how to reach node over SSH. It waits for an Up,
	// Halt or Destroy of the same node in progress, because Vagrant refuses
	// ssh-config on a machine that another vagrant process holds.
	SSHConfig(ctx context.Context, node string) (SSHConfig, error)
	// Halt stops node gracefully.
	Halt(ctx context.Context, node string) error
	// Destroy removes node without asking.
	Destroy(ctx context.Context, node string) error
	// Version reports the installed Vagrant; it needs no Vagrantfile.
	Version(ctx context.Context) (*version.Version, error)
}

// MachineStatus is one machine as `vagrant status` reports it.
type MachineStatus struct {
	// Name is the machine's name in the Vagrantfile.
	Name string
	// State is Vagrant's state id as printed: running, poweroff, saved,
	// aborted, not_created (VirtualBox); running, stopped, preparing,
	// not_created (docker); other providers have their own.
	State string
	// Provider is the provider that backs the machine, such as "docker".
	Provider string
}

// Running reports whether the machine is up.
func (m MachineStatus) Running() bool { return m.State == "running" }

// Created reports whether the machine exists in its provider, whatever its state.
func (m MachineStatus) Created() bool { return m.State != "" && m.State != "not_created" }

// SSHConfig is how to reach a machine over SSH, from `vagrant ssh-config NAME`.
type SSHConfig struct {
	// Host is the alias Vagrant names the block with: the machine's name.
	Host string
	// HostName and Port are where sshd answers: 127.0.0.1 and a forwarded
	// port for VirtualBox and docker machines.
	HostName string
	Port     int
	// User is the login user, usually "vagrant".
	User string
	// IdentityFiles are the private keys Vagrant offers, in its order.
	IdentityFiles []string
}

var _ Driver = (*CLI)(nil)
