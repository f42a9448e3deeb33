package recipes

import (
	"fmt"
	"strings"
)

// testCluster is a lab of masters and agents laid out as package lab does:
// masters from 192.168.56.11, agents from .21, every component on, and
// sources on test hosts (nothing here reaches them: the simulated node answers).
func testCluster(name string, masters, agents int) Cluster {
	c := Cluster{
		Name: name, Provider: "virtualbox", Quorum: masters/2 + 1,
		Components: Components{ZooKeeper: true, Mesos: true, Marathon: true, Chronos: true, MesosDNS: true},
		Sources: Sources{
			MesosRepo: testRepo, MesosKeyURL: testKeyURL, MesosPackage: "aventer-mesos",
			ZooKeeperPackage: "zookeeperd", DockerPackage: "docker.io",
			MarathonImage: "mesosphere/marathon:v1.11.24", ChronosImage: "mesosphere/chronos:v3.0.2", DemoImage: "busybox:1.36",
			MesosDNSPackage: "mesos-dns",
		},
		Heaps: testHeaps,
	}
	var hosts []string
	for i := range masters {
		ip := fmt.Sprintf("192.168.56.%d", 11+i)
		c.Nodes = append(c.Nodes, Node{Name: fmt.Sprintf("master%d", i+1), Role: RoleMaster, IP: ip, ZooKeeperID: i + 1})
		hosts = append(hosts, ip+":2181")
	}
	for i := range agents {
		c.Nodes = append(c.Nodes, Node{Name: fmt.Sprintf("agent%d", i+1), Role: RoleAgent, IP: fmt.Sprintf("192.168.56.%d", 21+i)})
	}
	c.ZooKeeperHosts = strings.Join(hosts, ",")
	return c
}

// testHeaps are the heap caps of the test clusters: the figures of lab's
// memory budget, which lab's tests hold to it (recipes cannot import lab).
var testHeaps = JVMHeaps{ZooKeeperMB: 256, MarathonMB: 512, ChronosMB: 320}

// node returns the cluster's node called name.
func (c Cluster) node(name string) Node {
	for _, n := range c.Nodes {
		if n.Name == name {
			return n
		}
	}
	panic("no node " + name)
}
