package recipes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// zkNode is a simulated Debian node for the ZooKeeper tests: the Debian
// commands answered by provisiontest.Node, and the ensemble probe's srvr
// answered from modes.
type zkNode struct {
	*provisiontest.Node
	// modes answers srvr for a member's address while zookeeper runs.
	modes map[string]string
}

// newZKNode is a node as Vagrant leaves it, whose ensemble has not formed.
func newZKNode(t *testing.T, name string) *zkNode {
	z := &zkNode{Node: provisiontest.NewNode(t, name), modes: map[string]string{}}
	z.Handle(`^for a in (.+); do\n`, z.srvr)
	return z
}

// srvr answers the ensemble probe: a member answers its mode while the
// local zookeeper runs, as if the ensemble formed the moment it started.
func (z *zkNode) srvr(_ provision.Command, m []string) (string, string, int) {
	var b strings.Builder
	for _, a := range strings.Fields(m[1]) {
		b.WriteString(memberMarker + a + "\n")
		mode, ok := z.modes[a]
		switch {
		case !z.Active(zkService):
			b.WriteString("bash: connect: Connection refused\nbash: line 1: /dev/tcp/" + a + "/2181: Connection refused\n")
		case !ok:
			b.WriteString("This ZooKeeper instance is not currently serving requests\n")
		default:
			fmt.Fprintf(&b, "Zookeeper version: 3.8.0\nLatency min/avg/max: 0/0.0/0\nMode: %s\nNode count: 5\n", mode)
		}
		b.WriteString("\n")
	}
	return b.String(), "", 0
}

// zkSimNode returns master n of c as a simulated node. fresh: a node before
// its first run, whose zookeeperd postinst acts as Debian 12's does
// (starting the example configuration unless a native unit exists).
// Otherwise: the node as the first run left it. The ensemble answers with
// master1 leading.
func zkSimNode(t *testing.T, c Cluster, n Node, fresh bool) (*zkNode, *bool) {
	t.Helper()
	node := newZKNode(t, n.Name)
	postinstStarted := false
	node.OnInstall["zookeeperd"] = func() {
		node.Dirs[zkDataDir] = provisiontest.Dir{Owner: "zookeeper:zookeeper", Mode: "750"}
		node.Links[zkDataDir+"/myid"] = zkMyID
		node.SetFile(zkConfig, "dataDir=/tmp/zookeeper\nclientPort=2181\n")
		node.SetFile(zkMyID, "replace this text with the cluster-unique zookeeper's instance id (1-255)\n")
		// zookeeperd 3.8.0-11+deb12u2 ships it with every line commented out.
		node.SetFile(zkDefaults, "# by default we allow local JMX connections\n#JMXLOCALONLY=true\n\n#JAVA_OPTS=\"\"\n")
		_, native := node.Files[zkUnit]
		node.Units[zkService] = &provisiontest.Unit{Enabled: !native, Active: !native}
		postinstStarted = !native
	}
	for _, m := range c.Masters() {
		node.modes[m.IP] = "follower"
		if m.ZooKeeperID == 1 {
			node.modes[m.IP] = "leader"
		}
		if len(c.Masters()) == 1 {
			node.modes[m.IP] = "standalone"
		}
	}
	if fresh {
		return node, &postinstStarted
	}
	node.Packages["zookeeperd"] = "3.8.0-11+deb12u2"
	node.Dirs[zkDataDir] = provisiontest.Dir{Owner: "zookeeper:zookeeper", Mode: "750"}
	node.Links[zkDataDir+"/myid"] = zkMyID
	for path, content := range ZooKeeperFiles(c, n) {
		node.SetFile(path, string(content))
	}
	node.Units[zkService] = &provisiontest.Unit{Enabled: true, Active: true}
	return node, &postinstStarted
}
