package recipes

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

func TestDockerFreshThenConverged(t *testing.T) {
	c := testCluster("default", 1, 1)
	f := newFakeNode(t, c.node("agent1"))
	provisionTwice(t, f, c, Docker, []string{"apt-get install docker.io"})
	if !f.active("docker") || !f.unit("docker").enabled {
		t.Error("docker is not enabled and running")
	}
}

func TestDockerPinnedVersion(t *testing.T) {
	c := testCluster("default", 1, 1)
	c.Sources.DockerVersion = "20.10.24+dfsg1-1+deb12u1+b6"
	f := newFakeNode(t, c.node("agent1"))
	if err := f.provision(Docker(c, f.node)); err != nil {
		t.Fatal(err)
	}
	if f.fake.Count(`apt-get install .* 'docker\.io=20\.10\.24\+dfsg1-1\+deb12u1\+b6'$`) != 1 {
		t.Errorf("docker.io was not installed at the pinned version: %q", f.takeChanges())
	}
}

func TestSystemdQuoting(t *testing.T) {
	tests := []struct {
		in, arg, env string
	}{
		{"zk://192.168.56.11:2181,192.168.56.12:2181/mesos", "zk://192.168.56.11:2181,192.168.56.12:2181/mesos",
			"Environment=K=zk://192.168.56.11:2181,192.168.56.12:2181/mesos"},
		{"mesosphere/marathon:v1.11.24", "mesosphere/marathon:v1.11.24", "Environment=K=mesosphere/marathon:v1.11.24"},
		{"two words", `"two words"`, `Environment="K=two words"`},
		{`50% "quoted" $HOME \x`, `"50%% \"quoted\" $$HOME \\x"`, `Environment="K=50%% \"quoted\" $HOME \\x"`},
		{"", `""`, `Environment="K="`},
	}
	for _, tt := range tests {
		if got := systemdArg(tt.in); got != tt.arg {
			t.Errorf("systemdArg(%q) = %s, want %s", tt.in, got, tt.arg)
		}
		if got := systemdEnv("K", tt.in); got != tt.env {
			t.Errorf("systemdEnv(K, %q) = %s, want %s", tt.in, got, tt.env)
		}
	}
}

// TestImageStepWithRealDocker runs the image step's commands against the
// real Docker engine through the local shell. The image names a registry on
// a loopback port where nothing listens, so the pull fails for real without
// leaving the machine.
func TestImageStepWithRealDocker(t *testing.T) {
	testenv.NeedDocker(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // a closed port refuses connections
	image := "127.0.0.1:" + strconv.Itoa(port) + "/mesoslab-test/absent:v0"
	step := &imageStep{image: image, key: "sources.marathon.image"}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ok, err := step.Check(ctx, provisiontest.Local{})
	if err != nil || ok {
		t.Fatalf("Check of an absent image = %v, %v; want false, nil", ok, err)
	}
	_, err = provision.Converge(ctx, provisiontest.Local{}, step, false)
	wantSourceError(t, err, "sources.marathon.image", image, "the registry cannot be reached", "connection refused")
}
