package recipes

import (
	"strings"
	"testing"
)

// TestJVMHeapCapsComeFromTheCluster gives the cluster heap caps no recipe
// uses by default and wants each JVM's cap where its start script reads
// it: ZooKeeper's JAVA_OPTS in /etc/default/zookeeper, Marathon's JAVA_OPTS
// and Chronos's JVM_OPTS in their containers. The recipes run against
// labNode, as Marathon and Chronos cannot run here.
func TestJVMHeapCapsComeFromTheCluster(t *testing.T) {
	c := testCluster("default", 3, 3)
	c.Heaps = JVMHeaps{ZooKeeperMB: 111, MarathonMB: 222, ChronosMB: 333}
	n := c.node("master1")

	zk := string(ZooKeeperFiles(c, n)[zkDefaults])
	if !strings.Contains(zk, "\nJAVA_OPTS=\"-Xmx111m\"\n") {
		t.Errorf("/etc/default/zookeeper does not cap the heap at 111 MB:\n%s", zk)
	}
	f := newLabNode(t, n)
	if err := f.provision(append(Marathon(c, n), Chronos(c, n)...)); err != nil {
		t.Fatal(err)
	}
	for unit, want := range map[string]string{
		"/etc/systemd/system/marathon.service": "    -e JAVA_OPTS=-Xmx222m \\\n",
		"/etc/systemd/system/chronos.service":  "    -e JVM_OPTS=-Xmx333m \\\n",
	} {
		content := f.Files[unit].Content
		if !strings.Contains(content, want) {
			t.Errorf("%s lacks %q:\n%s", unit, want, content)
		}
		if strings.Count(content, "-Xmx") != 1 {
			t.Errorf("%s caps the heap more than once:\n%s", unit, content)
		}
	}
}
