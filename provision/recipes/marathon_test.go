package recipes

import (
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// Marathon runs from an image on Docker Hub, which the build machine cannot
// reach, so these tests run against labNode.

func TestMarathonFreshThenConverged(t *testing.T) {
	c := testCluster("default", 3, 3)
	f := newLabNode(t, c.node("master1"))
	provisionTwice(t, f, c, Marathon, []string{
		"apt-get install docker.io",
		"docker pull mesosphere/marathon:v1.11.24",
		"write /etc/systemd/system/marathon.service",
		"systemctl enable marathon",
		"systemctl start marathon",
	})
}

func TestMarathonUnit(t *testing.T) {
	c := testCluster("default", 3, 3)
	f := newLabNode(t, c.node("master3"))
	if err := f.provision(Marathon(c, f.node)); err != nil {
		t.Fatal(err)
	}
	unit := f.Files["/etc/systemd/system/marathon.service"].Content
	for _, want := range []string{
		"ExecStartPre=-/usr/bin/docker rm -f marathon\n",
		"ExecStart=/usr/bin/docker run --rm --name marathon --net=host \\\n",
		"-e MARATHON_MASTER=zk://192.168.56.11:2181,192.168.56.12:2181,192.168.56.13:2181/mesos \\\n",
		"-e MARATHON_ZK=zk://192.168.56.11:2181,192.168.56.12:2181,192.168.56.13:2181/marathon \\\n",
		"-e MARATHON_HOSTNAME=192.168.56.13 \\\n",
		"-e LIBPROCESS_IP=192.168.56.13 \\\n",
		"-e MARATHON_HTTP_PORT=8080 \\\n",
		// The image runs as nobody; the lab's tasks run as root, as
		// Chronos's do.
		"-e MARATHON_MESOS_USER=root \\\n",
		"    mesosphere/marathon:v1.11.24\n",
		"Restart=always\n", "After=docker.service\n", "Requires=docker.service\n",
	} {
		if !strings.Contains(unit, want) {
			t.Errorf("the Marathon unit lacks %q:\n%s", want, unit)
		}
	}
}

func TestMarathonRestartsForANewImage(t *testing.T) {
	c := testCluster("default", 1, 1)
	f := newLabNode(t, c.node("master1"))
	if err := f.provision(Marathon(c, f.node)); err != nil {
		t.Fatal(err)
	}
	f.TakeChanges()
	c.Sources.MarathonImage = "registry.mesoslab.test/marathon:v1.11.24"
	if err := f.provision(Marathon(c, f.node)); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"docker pull registry.mesoslab.test/marathon:v1.11.24",
		"write /etc/systemd/system/marathon.service",
		"systemctl restart marathon",
	}
	if got := f.TakeChanges(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes for a new image: %q, want %q", got, want)
	}
}

func TestImagePullFailures(t *testing.T) {
	tests := []struct {
		name        string
		recipe      func(Cluster, Node) []provision.Step
		key, image  string
		stderr      string
		wantProblem string
	}{
		{"marathon unreachable registry", Marathon, "sources.marathon.image", "mesosphere/marathon:v1.11.24",
			"Error response from daemon: Get \"https://registry.mesoslab.test/v2/\": dial tcp: lookup registry.mesoslab.test: no such host",
			"the registry cannot be reached"},
		{"marathon on arm64", Marathon, "sources.marathon.image", "mesosphere/marathon:v1.11.24",
			"no matching manifest for linux/arm64/v8 in the manifest list entries",
			"no build for this node's architecture"},
		{"chronos tag missing", Chronos, "sources.chronos.image", "mesosphere/chronos:v3.0.2",
			"Error response from daemon: manifest for mesosphere/chronos:v3.0.2 not found: manifest unknown",
			"the registry has no such image or tag"},
		{"chronos rate limit", Chronos, "sources.chronos.image", "mesosphere/chronos:v3.0.2",
			"toomanyrequests: You have reached your pull rate limit.",
			"pull rate limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testCluster("default", 1, 1)
			f := newLabNode(t, c.node("master1"))
			f.PullErr[tt.image] = tt.stderr
			err := f.provision(tt.recipe(c, f.node))
			provisiontest.WantSourceError(t, err, tt.key, tt.key+" = "+tt.image, tt.wantProblem, "fix: set "+tt.key+" in mesoslab.yaml", tt.stderr)
			if f.Count(`mv -fT .*\.service`) != 0 {
				t.Error("a unit was written although its image could not be pulled")
			}
		})
	}
}
