package vagrant

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
)

// DockerNetworkName is the network Vagrant's docker provider creates for a
// private network of subnet.
func DockerNetworkName(subnet string) string { return "vagrant_network_" + subnet }

// EnsureDockerNetwork puts back a container lab's private network when it
// is gone, and reattaches the lab's containers to it with their addresses.
//
// Vagrant's docker provider, when it destroys any machine, removes every
// vagrant_network_* network that no running container uses: destroying one
// lab removes the network of another lab that is halted, whose containers
// then cannot start ("network ... not found"). members maps container name
// to its address; containers that do not exist are skipped.
func EnsureDockerNetwork(ctx context.Context, subnet string, members map[string]string) (repaired bool, err error) {
	name := DockerNetworkName(subnet)
	if docker(ctx, "network", "inspect", name) == nil {
		return false, nil
	}
	if err := docker(ctx, "network", "create", "--subnet", subnet, name); err != nil {
		return false, fmt.Errorf("re-create the lab network %s: %w", name, err)
	}
	for container, ip := range members {
		if docker(ctx, "container", "inspect", container) != nil {
			continue
		}
		// The container still points at the old network's id; detach it
		// by force, then attach it to the new network at its address.
		_ = docker(ctx, "network", "disconnect", "--force", name, container)
		if err := docker(ctx, "network", "connect", "--ip", ip, name, container); err != nil {
			return true, fmt.Errorf("reattach %s to %s at %s: %w", container, name, ip, err)
		}
	}
	return true, nil
}

func docker(ctx context.Context, args ...string) error {
	out, err := exec.CommandContext(ctx, "docker", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("docker %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}
