package config

import (
	"strconv"
	"strings"
)

// Heap caps (-Xmx) of the lab's JVMs, in MB. Without one a JVM takes a
// quarter of the node's memory as its maximum heap, so three JVMs on a
// master could claim three quarters of it before mesos-master, Docker and
// the OS had theirs. Each JVM is charged its heap plus its non-heap memory
// (metaspace, code cache, thread stacks, GC structures) below.
const (
	heapZooKeeper = 256
	heapMarathon  = 512
	heapChronos   = 320

	// ZooKeeper loads few classes; Marathon and Chronos are Scala
	// programs with Akka and an HTTP stack, whose metaspace and threads
	// take more.
	nonHeapZooKeeper = 128
	nonHeapScala     = 192
)

// Memory each service needs in a node, in MB: what it takes to start and
// survive a workshop, not what a production cluster would give it. The JVMs
// (ZooKeeper, Marathon, Chronos) dominate.
const (
	memOS          = 256
	memZooKeeper   = heapZooKeeper + nonHeapZooKeeper
	memMesosMaster = 256
	memMarathon    = heapMarathon + nonHeapScala
	memChronos     = heapChronos + nonHeapScala
	memMesosDNS    = 64
	// dockerd and containerd: every agent runs them, and so does a master
	// with Marathon or Chronos, which run as containers.
	memDocker     = 256
	memMesosAgent = 256
	memTasks      = 256 // room for the demo workloads
)

// Heaps are the heap caps (-Xmx, in MB) the lab gives its JVMs.
type Heaps struct {
	ZooKeeperMB, MarathonMB, ChronosMB int
}

// JVMHeaps are the heap caps the recipes give ZooKeeper, Marathon and
// Chronos: the same figures MinMemoryMB charges them, so that what the lab
// asks of each node is what its JVMs may take.
func JVMHeaps() Heaps {
	return Heaps{ZooKeeperMB: heapZooKeeper, MarathonMB: heapMarathon, ChronosMB: heapChronos}
}

// memCharge is one service's share of a node's memory.
type memCharge struct {
	what string
	mb   int
}

// memBudget lists what a node of role runs with the enabled components and
// what each is charged, the OS first.
func memBudget(role string, c Components) []memCharge {
	out := []memCharge{{"OS", memOS}}
	addIf := func(on bool, mb int, what string) {
		if on {
			out = append(out, memCharge{what, mb})
		}
	}
	if role == RoleMaster {
		addIf(c.ZooKeeper, memZooKeeper, "ZooKeeper")
		addIf(c.Mesos, memMesosMaster, "mesos-master")
		addIf(c.Marathon, memMarathon, "Marathon")
		addIf(c.Chronos, memChronos, "Chronos")
		addIf(c.MesosDNS, memMesosDNS, "Mesos-DNS")
		addIf(c.Marathon || c.Chronos, memDocker, "Docker")
	} else {
		addIf(c.Mesos, memDocker, "Docker")
		addIf(c.Mesos, memMesosAgent, "mesos-agent")
		addIf(c.Mesos, memTasks, "tasks")
	}
	return out
}

// MinMemoryMB is the least memory a node of role needs with the enabled
// components, and the reason, for error messages.
func MinMemoryMB(role string, c Components) (int, string) {
	total := 0
	var parts []string
	for _, m := range memBudget(role, c) {
		total += m.mb
		parts = append(parts, strconv.Itoa(m.mb)+" "+m.what)
	}
	return total, strings.Join(parts, " + ")
}

// The container lab reserves nothing up front: a container takes memory as
// its services use it and shares the host's CPUs. So each container is
// limited to what the services of its role need with the lab's components
// (MinMemoryMB), rendered as `docker run --memory` in the Vagrantfile, and
// that limit is what the doctor charges the host. The spec's memory sizes
// the VirtualBox lab's VMs; its CPUs cap each container (`--cpus`).

// ContainerMemoryMB is the memory limit of node n's container.
func (p *Plan) ContainerMemoryMB(n Node) int {
	mb, _ := MinMemoryMB(n.Role, p.Spec.Components)
	return mb
}

// ContainerSizes is the limit of a master's and of an agent's container.
func (p *Plan) ContainerSizes() (master, agent int) {
	return p.ContainerMemoryMB(Node{Role: RoleMaster}), p.ContainerMemoryMB(Node{Role: RoleAgent})
}
