package lab

import (
	"context"
	"errors"
	"fmt"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/doctor"
	"github.com/mesoslab/mesoslab/vagrant"
)

// UnroutedError is a node address this host would send out of the lab's
// network: through the default gateway or a LAN, to whatever answers there.
type UnroutedError struct {
	Lab  string
	Node string
	Addr string
	// Iface is where the host would send the packets; "" when only a
	// default route reaches the address.
	Iface string
	// Provider is the lab's, which says what its own network is.
	Provider string
}

func (e *UnroutedError) Error() string {
	via := "only through the default route"
	if e.Iface != "" {
		via = "through " + e.Iface + ", which is not the lab's network"
	}
	own := "a VirtualBox host-only adapter, vboxnetN"
	if e.Provider == vagrant.ProviderDocker {
		own = "a Docker bridge, br-..."
	}
	return fmt.Sprintf("lab %q: %s (%s) is reached %s; probing it would send packets off this host, so nothing was probed.\n"+
		"fix: `mesoslab up` puts back the lab's network (%s); `mesoslab doctor` shows what else uses the subnet", e.Lab, e.Node, e.Addr, via, own)
}

// CheckReachable is the gate in front of every probe of a lab (verify,
// demo, ui, failover; status through LabOverview): the lab must exist, and
// every node address must be routed to this host's lab network, so no
// probe of a lab that is not there leaves through the default gateway. A
// loopback lab has no machines and its addresses never leave the host.
// Errors are a *NotExistError, an *UnroutedError, or why it could not
// tell.
func (l *Lab) CheckReachable(ctx context.Context) error {
	b, d, p := l.Backends, l.Dir, l.Plan
	if p.Loopback() {
		return nil
	}
	if _, err := createdMachines(ctx, b, d, p.Spec.Name); err != nil {
		return err
	}
	return checkRoutes(ctx, b.Host, p, p.Nodes)
}

// checkRoutes asks the host's routing table, as the doctor reads it, where
// each node's packets would go.
func checkRoutes(ctx context.Context, h doctor.Routing, p *config.Plan, nodes []config.Node) error {
	if len(nodes) == 0 {
		return nil
	}
	if h == nil {
		return errors.New("cannot read this host's routes, so nothing was probed")
	}
	for _, n := range nodes {
		iface, own, err := doctor.RouteOf(ctx, h, p.Spec.Provider, n.IP)
		if err != nil {
			return fmt.Errorf("cannot tell where %s (%s) is routed, so nothing was probed: %w", n.Name, n.IP, err)
		}
		if !own {
			return &UnroutedError{Lab: p.Spec.Name, Node: n.Name, Addr: n.IP.String(), Iface: iface, Provider: p.Spec.Provider}
		}
	}
	return nil
}
