package recipes

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// ZooKeeperFiles returns the files ZooKeeper writes on master n, by
// absolute path; nil for another node.
func ZooKeeperFiles(c Cluster, n Node) map[string][]byte {
	if n.Role != RoleMaster {
		return nil
	}
	return map[string][]byte{
		zkUnit:     zkUnitFile(c),
		zkConfig:   zooCfg(c),
		zkMyID:     []byte(strconv.Itoa(n.ZooKeeperID) + "\n"),
		zkDefaults: zkDefaultsFile(c),
	}
}

// zkDefaultsFile renders /etc/default/zookeeper, zookeeperd's file for
// local settings, which mesoslab's unit reads after the package's
// environment file (whose JAVA_OPTS is empty). It caps the heap at
// ZooKeeper's share of the lab's memory budget.
func zkDefaultsFile(c Cluster) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Written by mesoslab for the lab %q; the next provisioning run puts it back.\n", c.Name)
	b.WriteString("# zookeeper.service reads it after /etc/zookeeper/conf/environment. Without a heap\n" +
		"# cap the JVM would take a quarter of the node's memory, which the lab has not got to spare.\n")
	fmt.Fprintf(&b, "JAVA_OPTS=%q\n", xmx(c.Heaps.ZooKeeperMB))
	return b.Bytes()
}

// zooCfg renders zoo.cfg, the same on every master.
//
// quorumListenOnAllIPs stays false: each server binds its quorum and
// election ports to the address of its own server.N line, which is its
// private address and so is on the node. Listening on every address would
// only add the NAT interface; the option is needed when server.N names an
// address the node does not have, such as a host name that resolves to
// 127.0.1.1.
func zooCfg(c Cluster) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Written by mesoslab for the lab %q; the next provisioning run puts it back.\n", c.Name)
	b.WriteString(`tickTime=2000
initLimit=10
syncLimit=5
# Debian's example says /tmp/zookeeper, which a reboot empties.
dataDir=/var/lib/zookeeper
`)
	fmt.Fprintf(&b, "clientPort=%d\n", stack.ZooKeeperPort)
	b.WriteString(`maxClientCnxns=60
# Keep three snapshots and purge the rest every hour, so a lab that runs for weeks keeps its disk.
autopurge.snapRetainCount=3
autopurge.purgeInterval=1
# The four-letter words that mesoslab and operators use; 3.5 and later allow only srvr by default.
4lw.commands.whitelist=ruok,srvr,stat,mntr,conf
# The AdminServer would listen on port 8080, which Marathon needs.
admin.enableServer=false

# The ensemble, by private address (never the NAT one).
`)
	for _, m := range c.Masters() {
		fmt.Fprintf(&b, "server.%d=%s:2888:3888\n", m.ZooKeeperID, m.IP)
	}
	return b.Bytes()
}

// zkUnitFile renders a native systemd unit for ZooKeeper. It replaces the
// unit systemd generates from zookeeperd's init script, which cannot stop
// ZooKeeper in the container lab: the script finds the process through
// /proc/PID/exe, which root cannot read there for another user's process
// (no CAP_SYS_PTRACE), so a restart left the old server running and the new
// one failing on its ports. systemd stops the whole cgroup instead. The
// command is the init script's, reading the same package files, so that
// JAVA_OPTS set in /etc/zookeeper/conf/environment or /etc/default/zookeeper
// still apply; the JMX agent it adds (a random port on every address) is
// left out.
func zkUnitFile(c Cluster) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Written by mesoslab for the lab %q; the next provisioning run puts it back.\n", c.Name)
	b.WriteString(`[Unit]
Description=ZooKeeper server of the mesoslab lab
After=network-online.target
Wants=network-online.target

[Service]
User=zookeeper
Group=zookeeper
ExecStart=/bin/sh -c '. /etc/zookeeper/conf/environment; if [ -r /etc/default/zookeeper ]; then . /etc/default/zookeeper; fi; exec "$$JAVA" -cp "$$CLASSPATH" $$JAVA_OPTS -Dzookeeper.log.dir="$$ZOO_LOG_DIR" -Dzookeeper.root.logger="$$ZOO_LOG4J_PROP" "$$ZOOMAIN" "$$ZOOCFG"'
# The JVM exits with 143 on SIGTERM.
SuccessExitStatus=143
Restart=on-failure
RestartSec=5

[Install]
WantedBy=multi-user.target
`)
	return b.Bytes()
}
