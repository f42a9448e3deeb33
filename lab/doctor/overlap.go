package doctor

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// overlaps looks for host interfaces and routes that use the lab subnet.
// Networks that belong to the provider itself (VirtualBox host-only
// adapters, the Docker bridges Vagrant creates) are the lab's own and do not
// count; default routes cover everything and are skipped.
func overlaps(ctx context.Context, h Host, lab Lab, sub netip.Prefix) finding {
	ifaces, ierr := h.Interfaces(ctx)
	routes, rerr := h.Routes(ctx)
	if ierr != nil && rerr != nil {
		return finding{StatusWarn, fmt.Sprintf("cannot read the host's networks: %v", ierr),
			fmt.Sprintf("make sure no VPN or LAN of this host uses %s", sub)}
	}
	var clashes, devices []string
	seen := map[string]bool{} // an interface's own link route repeats its address
	add := func(what string, pr netip.Prefix, dev string) {
		key := pr.String() + " " + dev
		if seen[key] {
			return
		}
		seen[key] = true
		clashes = append(clashes, what)
		if !slices.Contains(devices, dev) {
			devices = append(devices, dev)
		}
	}
	for _, ifc := range ifaces {
		if ifc.Loopback || ownInterface(lab.provider(), ifc.Name) {
			continue
		}
		for _, pr := range ifc.Prefixes {
			if pr.Addr().Is4() && pr.Masked().Overlaps(sub) {
				add(fmt.Sprintf("%s on %s", pr.Masked(), ifc.Name), pr.Masked(), ifc.Name)
			}
		}
	}
	for _, r := range routes {
		if r.Prefix.Bits() == 0 || ownInterface(lab.provider(), r.Iface) || !r.Prefix.Overlaps(sub) {
			continue
		}
		add(fmt.Sprintf("route %s via %s", r.Prefix, r.Iface), r.Prefix.Masked(), r.Iface)
	}
	if len(clashes) > 0 {
		return finding{StatusFail,
			fmt.Sprintf("%s overlaps a host network: %s", sub, strings.Join(clashes, ", ")),
			fmt.Sprintf("choose another lab subnet, or disconnect the network or VPN behind %s while the lab runs", strings.Join(devices, ", "))}
	}
	return ok(fmt.Sprintf("no host interface or route overlaps %s", sub))
}

// ownInterface tells the provider's own networks: VirtualBox host-only
// adapters (vboxnetN; "VirtualBox Host-Only Ethernet Adapter #N" on
// Windows) and the br-<id> bridges of Docker networks.
func ownInterface(provider, name string) bool {
	if provider == ProviderDocker {
		return strings.HasPrefix(name, "br-")
	}
	return strings.HasPrefix(name, "vboxnet") || strings.HasPrefix(name, "VirtualBox Host-Only")
}
