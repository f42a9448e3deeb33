package stack

// The ports the lab's recipes configure, the same on every node: the one
// table the recipes, the probes, the web UI addresses and the ZooKeeper
// connect strings read. They are the services' own defaults except
// Chronos's, whose default 8080 Marathon holds on the same master.
const (
	// ZooKeeperPort is ZooKeeper's client port (zoo.cfg clientPort).
	ZooKeeperPort = 2181
	// MesosMasterPort is the Mesos master's HTTP and libprocess port.
	MesosMasterPort = 5050
	// MesosAgentPort is the Mesos agent's HTTP and libprocess port.
	MesosAgentPort = 5051
	// MarathonPort is Marathon's HTTP port (--http_port).
	MarathonPort = 8080
	// ChronosPort is Chronos's HTTP port, the one Mesosphere's packages used.
	ChronosPort = 4400
	// MesosDNSHTTPPort is Mesos-DNS's HTTP API port (httpport).
	MesosDNSHTTPPort = 8123
	// DNSPort is where Mesos-DNS answers DNS, over UDP and TCP.
	DNSPort = 53
)

// Ports are the TCP (and, for DNS, UDP) ports the services listen on. A
// probe or client reads them from here so a test can point each service at
// a fake on a free port.
type Ports struct {
	ZooKeeper    int
	MesosMaster  int
	MesosAgent   int
	Marathon     int
	Chronos      int
	MesosDNSHTTP int
	DNS          int
}

// DefaultPorts returns the ports the lab's recipes configure: the constants
// above, as one value.
func DefaultPorts() Ports {
	return Ports{
		ZooKeeper:    ZooKeeperPort,
		MesosMaster:  MesosMasterPort,
		MesosAgent:   MesosAgentPort,
		Marathon:     MarathonPort,
		Chronos:      ChronosPort,
		MesosDNSHTTP: MesosDNSHTTPPort,
		DNS:          DNSPort,
	}
}
