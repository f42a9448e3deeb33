package lab

import (
	"strings"
	"testing"
)

// TestForwardedPortsListenOnLoopbackOnly reads every golden Vagrantfile:
// each forwarded port is bound to 127.0.0.1, never to every interface.
func TestForwardedPortsListenOnLoopbackOnly(t *testing.T) {
	for _, g := range goldenLabs {
		text := string(renderGolden(t, g.mutate))
		lines := 0
		for _, line := range strings.Split(text, "\n") {
			if strings.Contains(line, `"forwarded_port"`) {
				lines++
				if !strings.Contains(line, `host_ip: "127.0.0.1"`) {
					t.Errorf("%s: a port open beyond loopback: %s", g.name, strings.TrimSpace(line))
				}
			}
		}
		if lines == 0 {
			t.Errorf("%s: no forwarded port at all", g.name)
		}
	}
}
