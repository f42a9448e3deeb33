package lab

import (
	"fmt"
	"net"
	"strconv"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/provision"
)

// ForgetHostKey drops the pinned SSH host key of a node, for a node that was
// re-created outside mesoslab (with plain vagrant): the next connection
// trusts its new key. mesoslab forgets keys by itself when it creates a node.
func (l *Lab) ForgetHostKey(node string) error {
	d, p := l.Dir, l.Plan
	n, ok := p.Node(node)
	if !ok {
		return &config.ValidationError{Problems: []config.Problem{{Key: "NODE", Value: node,
			Message: "not a node of lab " + p.Spec.Name, Fix: "use one of " + config.SummarizeNames(p.NodeNames())}}}
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(n.SSHPort))
	if err := provision.ForgetHost(d.KnownHosts(), addr); err != nil {
		return fmt.Errorf("forget the host key of %s (%s): %w", node, addr, err)
	}
	return nil
}
