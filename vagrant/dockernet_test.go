package vagrant

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
)

// TestEnsureDockerNetworkReattachesAStoppedContainer replays what another
// lab's `vagrant destroy` does to a halted container lab, with a real Docker
// engine: the network goes, the container cannot start; after the repair it
// starts with its address.
func TestEnsureDockerNetworkReattachesAStoppedContainer(t *testing.T) {
	testenv.NeedShort(t) // a container and a network on the shared engine, like the end-to-end tests
	testenv.NeedImage(t, "mesoslab/node:debian-12")
	const subnet, ip, container = "192.168.48.0/24", "192.168.48.11", "mesoslab-dockernet-test"
	name := DockerNetworkName(subnet)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	t.Cleanup(func() {
		_ = exec.Command("docker", "rm", "-f", container).Run()
		_ = exec.Command("docker", "network", "rm", name).Run()
	})
	for _, args := range [][]string{
		{"network", "create", "--subnet", subnet, name},
		{"run", "-d", "--name", container, "--network", name, "--ip", ip, "mesoslab/node:debian-12", "sleep", "600"},
		{"stop", "-t", "1", container},
		{"network", "rm", name},
	} {
		if err := docker(ctx, args...); err != nil {
			t.Fatal(err)
		}
	}
	if err := docker(ctx, "start", container); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("the container started without its network: %v", err)
	}
	repaired, err := EnsureDockerNetwork(ctx, subnet, map[string]string{container: ip, "mesoslab-dockernet-absent": "192.168.48.12"})
	if err != nil || !repaired {
		t.Fatalf("EnsureDockerNetwork = %v, %v", repaired, err)
	}
	if err := docker(ctx, "start", container); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("docker", "inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", container).Output()
	if err != nil || !strings.Contains(string(out), ip) {
		t.Errorf("address after the repair: %q %v", out, err)
	}
	if repaired, err := EnsureDockerNetwork(ctx, subnet, nil); repaired || err != nil {
		t.Errorf("a second call repaired again: %v %v", repaired, err)
	}
}
