package recipes

import (
	"strings"
	"testing"
)

// Chronos runs from an image on Docker Hub, which the build machine cannot
// reach, so these tests run against labNode.

func TestChronosFreshThenConverged(t *testing.T) {
	c := testCluster("default", 3, 3)
	f := newLabNode(t, c.node("master2"))
	provisionTwice(t, f, c, Chronos, []string{
		"apt-get install docker.io",
		"docker pull mesosphere/chronos:v3.0.2",
		"write /etc/systemd/system/chronos.service",
		"systemctl enable chronos",
		"systemctl start chronos",
	})
}

func TestChronosFlags(t *testing.T) {
	c := testCluster("default", 3, 3)
	f := newLabNode(t, c.node("master2"))
	if err := f.provision(Chronos(c, f.node)); err != nil {
		t.Fatal(err)
	}
	unit := f.Files["/etc/systemd/system/chronos.service"].Content
	// Chronos wants its ZooKeeper as a plain host list and Mesos as a URL.
	wantArgs := "    mesosphere/chronos:v3.0.2 --master zk://192.168.56.11:2181,192.168.56.12:2181,192.168.56.13:2181/mesos" +
		" --zk_hosts 192.168.56.11:2181,192.168.56.12:2181,192.168.56.13:2181 --hostname 192.168.56.12\n"
	for _, want := range []string{wantArgs, "-e PORT0=4400 \\\n", "-e LIBPROCESS_IP=192.168.56.12 \\\n", "--net=host"} {
		if !strings.Contains(unit, want) {
			t.Errorf("the Chronos unit lacks %q:\n%s", want, unit)
		}
	}
	if strings.Contains(unit, "--zk_hosts zk://") || strings.Count(unit, "http_port") > 0 {
		t.Errorf("the Chronos unit gives a zk:// host list or a second --http_port:\n%s", unit)
	}
}
