package health

import "fmt"

// systemd units the lab's recipes install; fixes name them so the user can
// read the right journal.
const (
	unitZooKeeper   = "zookeeper"
	unitMesosMaster = "mesos-master"
	unitMesosAgent  = "mesos-agent"
	unitMarathon    = "marathon"
	unitChronos     = "chronos"
	unitMesosDNS    = "mesos-dns"
)

// journalFix tells the user how to read a service's log on a node.
func journalFix(node, unit string) string {
	return fmt.Sprintf("mesoslab ssh %s -- sudo journalctl -u %s", node, unit)
}

// sshFix runs a command on a node through mesoslab ssh.
func sshFix(node, command string) string {
	return fmt.Sprintf("mesoslab ssh %s -- %s", node, command)
}
