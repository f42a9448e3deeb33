package lab

import (
	"strconv"
	"strings"
)

// Memory each service needs in a node, in MB: what it takes to start and
// survive a workshop, not what a production cluster would give it. The JVMs
// (ZooKeeper, Marathon, Chronos) dominate.
const (
	memOS          = 256
	memZooKeeper   = 384
	memMesosMaster = 256
	memMarathon    = 640
	memChronos     = 448
	memMesosDNS    = 64
	memDocker      = 256
	memMesosAgent  = 256
	memTasks       = 256 // room for the demo workloads
)

// MinMemoryMB is the least memory a node of role needs with the enabled
// components, and the reason, for error messages.
func MinMemoryMB(role string, c Components) (int, string) {
	total := memOS
	parts := []string{"256 OS"}
	addIf := func(on bool, mb int, what string) {
		if on {
			total += mb
			parts = append(parts, strconv.Itoa(mb)+" "+what)
		}
	}
	if role == RoleMaster {
		addIf(c.ZooKeeper, memZooKeeper, "ZooKeeper")
		addIf(c.Mesos, memMesosMaster, "mesos-master")
		addIf(c.Marathon, memMarathon, "Marathon")
		addIf(c.Chronos, memChronos, "Chronos")
		addIf(c.MesosDNS, memMesosDNS, "Mesos-DNS")
	} else {
		addIf(c.Mesos, memDocker, "Docker")
		addIf(c.Mesos, memMesosAgent, "mesos-agent")
		addIf(c.Mesos, memTasks, "tasks")
	}
	return total, strings.Join(parts, " + ")
}
