package health

import "time"

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
	// Ports are the service ports, the same on every node.
	Ports Ports
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

// Ports are the TCP (and, for DNS, UDP) ports the services listen on.
type Ports struct {
	ZooKeeper    int
	MesosMaster  int
	MesosAgent   int
	Marathon     int
	Chronos      int
	MesosDNSHTTP int
	DNS          int
}

// DefaultPorts returns the ports the lab's recipes configure.
func DefaultPorts() Ports {
	return Ports{
		ZooKeeper:    2181,
		MesosMaster:  5050,
		MesosAgent:   5051,
		Marathon:     8080,
		Chronos:      4400,
		MesosDNSHTTP: 8123,
		DNS:          53,
	}
}

func (t Target) timeout() time.Duration {
	if t.Timeout > 0 {
		return t.Timeout
	}
	return DefaultTimeout
}
