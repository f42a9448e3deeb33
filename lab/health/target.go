package health

import (
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// DefaultTimeout bounds one probe when Target.Timeout is zero.
const DefaultTimeout = 5 * time.Second

// Target is the lab as the probes see it: which nodes exist, which
// components run on them and on which ports.
type Target struct {
	// Masters run ZooKeeper, mesos-master, Marathon, Chronos and Mesos-DNS.
	Masters []Node
	// Agents run mesos-agent.
	Agents []Node
	// Components says which services the lab installed; the others are not probed.
	Components Components
	// Ports are the service ports, the same on every node
	// (stack.DefaultPorts in a real lab).
	Ports stack.Ports
	// Timeout bounds each single probe; zero means DefaultTimeout.
	Timeout time.Duration
}

// Node is one machine of the lab.
type Node struct {
	// Name is the node's name in the lab, also its hostname (master1, agent2).
	Name string `json:"name"`
	// Addr is the node's IP address on the lab network.
	Addr string `json:"addr"`
}

// Components switches each service's probes on or off.
type Components struct {
	ZooKeeper, Mesos, Marathon, Chronos, MesosDNS bool
}

// AllComponents is the full lab: every component switched on.
func AllComponents() Components {
	return Components{ZooKeeper: true, Mesos: true, Marathon: true, Chronos: true, MesosDNS: true}
}

func (t Target) timeout() time.Duration {
	if t.Timeout > 0 {
		return t.Timeout
	}
	return DefaultTimeout
}
