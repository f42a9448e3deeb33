package config

import (
	"fmt"
	"net/netip"
	"strconv"
)

// VirtualBoxDefaultRange is where VirtualBox 6.1.28 and later allow
// host-only addresses unless /etc/vbox/networks.conf says otherwise.
var VirtualBoxDefaultRange = netip.MustParsePrefix("192.168.56.0/21")

// ValidateOptions carries host facts into validation.
type ValidateOptions struct {
	// HostOnlyRanges are the ranges VirtualBox allows on this host; empty
	// means VirtualBox's default, 192.168.56.0/21.
	HostOnlyRanges []netip.Prefix
}

func (o ValidateOptions) ranges() []netip.Prefix {
	if len(o.HostOnlyRanges) == 0 {
		return []netip.Prefix{VirtualBoxDefaultRange}
	}
	return o.HostOnlyRanges
}

func validateNetwork(s Spec, o ValidateOptions) []Problem {
	prefix, err := netip.ParsePrefix(s.Subnet)
	if err != nil || !prefix.Addr().Is4() || prefix.Bits() < 16 || prefix.Bits() > 28 {
		return []Problem{{Key: "subnet", Value: s.Subnet,
			Message: "not an IPv4 network between /16 and /28", Fix: "use e.g. " + DefaultSubnet}}
	}
	prefix = prefix.Masked()
	var ps []Problem
	// A loopback lab names services run by hand, for verify and status only.
	loopback := s.Provider == "docker" && prefix.Addr().IsLoopback()
	if !prefix.Addr().IsPrivate() && !loopback {
		ps = append(ps, Problem{Key: "subnet", Value: s.Subnet,
			Message: "not a private network: lab addresses would shadow real hosts", Fix: "use a range inside 192.168.56.0/21"})
	}
	if s.Provider == "virtualbox" && !insideAny(prefix, o.ranges()) {
		ps = append(ps, Problem{Key: "subnet", Value: s.Subnet,
			Message: fmt.Sprintf("outside the host-only ranges VirtualBox allows (%s)", prefixList(o.ranges())),
			Fix:     "use a subnet inside 192.168.56.0/21, or allow the range in /etc/vbox/networks.conf (a line such as `* 10.0.0.0/8`)"})
	}
	if s.SSHPortBase < 1024 || s.SSHPortBase > 65000 {
		ps = append(ps, Problem{Key: "ssh_port_base", Value: strconv.Itoa(s.SSHPortBase),
			Message: "SSH ports must be unprivileged and leave room for every node", Fix: "use 1024 to 65000, e.g. 2300"})
	}

	nodes, nps := DeriveNodes(s)
	ps = append(ps, nps...)
	gateway := hostAddr(prefix.Addr(), 1)
	ips := map[netip.Addr]string{}
	ports := map[int]string{}
	for _, n := range nodes {
		key := nodeKey(s, n.Name)
		switch {
		case !n.IP.IsValid():
			// reported where it was parsed, or the subnet is invalid
		case !prefix.Contains(n.IP):
			ps = append(ps, Problem{Key: field(key, "ip"), Value: n.IP.String(),
				Message: fmt.Sprintf("%s is outside the subnet %s: %s", n.Name, prefix, subnetHint(s, prefix)),
				Fix:     "use a larger subnet (e.g. a /24) or fewer nodes"})
		case n.IP == prefix.Addr() || n.IP == gateway || n.IP == lastAddr(prefix):
			ps = append(ps, Problem{Key: field(key, "ip"), Value: n.IP.String(),
				Message: "reserved: the network, the host's own address (.1) or broadcast", Fix: "use an address from .2 to .254"})
		}
		if n.IP.IsValid() {
			if other, dup := ips[n.IP]; dup {
				ps = append(ps, Problem{Key: field(key, "ip"), Value: n.IP.String(),
					Message: fmt.Sprintf("%s and %s have the same address", other, n.Name), Fix: "give each node its own address"})
			}
			ips[n.IP] = n.Name
		}
		if n.SSHPort < 1024 || n.SSHPort > 65535 {
			ps = append(ps, Problem{Key: field(key, "ssh_port"), Value: strconv.Itoa(n.SSHPort),
				Message: "not an unprivileged TCP port", Fix: "use 1024 to 65535"})
		} else if other, dup := ports[n.SSHPort]; dup {
			ps = append(ps, Problem{Key: field(key, "ssh_port"), Value: strconv.Itoa(n.SSHPort),
				Message: fmt.Sprintf("%s already forwards SSH on this port", other), Fix: "give each node its own port"})
		}
		ports[n.SSHPort] = n.Name
	}
	return ps
}

// nodeKey is the configuration key that sets a node's values: its nodes[]
// entry when there is one, else the lab-wide key.
func nodeKey(s Spec, name string) string {
	for i, o := range s.Nodes {
		if o.Name == name {
			return fmt.Sprintf("nodes[%d]", i)
		}
	}
	return "subnet"
}

// subnetHint explains the layout when generated addresses overflow.
func subnetHint(s Spec, p netip.Prefix) string {
	return fmt.Sprintf("masters start at host .%d and agents at .%d, so %d masters and %d agents need more than the %d addresses of a /%d",
		firstMasterHost, firstAgentHost, s.Masters, s.Agents, 1<<(32-p.Bits()), p.Bits())
}

func insideAny(p netip.Prefix, ranges []netip.Prefix) bool {
	for _, r := range ranges {
		if r.Bits() <= p.Bits() && r.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

func lastAddr(p netip.Prefix) netip.Addr {
	return hostAddr(p.Addr(), (1<<(32-p.Bits()))-1)
}

func prefixList(ps []netip.Prefix) string {
	out := ""
	for i, p := range ps {
		if i > 0 {
			out += ", "
		}
		out += p.String()
	}
	return out
}
