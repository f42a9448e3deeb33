package workshop

import (
	"context"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/provision"
)

// NodeShell opens a shell on a lab node by its name (master1); the command
// line builds it from the lab's SSH access, tests from scripted fakes.
type NodeShell interface {
	Runner(ctx context.Context, node string) (provision.Runner, error)
}

// ProbeFunc probes the lab once, as `mesoslab verify` does; a Prober's
// Probe bound to the lab's Target is one.
type ProbeFunc func(ctx context.Context) health.Report

// The systemd units of the lab's recipes that the drills stop and start.
const (
	UnitZooKeeper   = "zookeeper"
	UnitMesosMaster = "mesos-master"
	UnitMesosAgent  = "mesos-agent"
	UnitMarathon    = "marathon"
	UnitChronos     = "chronos"
	UnitMesosDNS    = "mesos-dns"
)

// ServiceCommand is `systemctl ACTION UNIT` as root.
func ServiceCommand(action, unit string) provision.Command {
	return provision.Command{Cmd: "systemctl " + provision.Quote(action) + " " + provision.Quote(unit), Sudo: true}
}
