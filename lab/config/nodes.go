package config

import (
	"fmt"
	"net/netip"
)

// nodeName is the generated name of the i-th (0-based) node of a role.
func nodeName(role string, i int) string { return fmt.Sprintf("%s%d", role, i+1) }

// DeriveNodes lays the nodes out: masters from host .11, agents from .21,
// SSH ports counting up from the base, then applies per-node overrides.
// It reports problems instead of failing so validation can list them all;
// a node whose address cannot be derived gets the zero Addr.
func DeriveNodes(s Spec) ([]Node, []Problem) {
	var problems []Problem
	prefix, perr := netip.ParsePrefix(s.Subnet)
	var nodes []Node
	add := func(role string, count, first int) {
		for i := 0; i < count && i < maxNodesPerRole; i++ {
			n := Node{
				Name:     nodeName(role, i),
				Role:     role,
				SSHPort:  s.SSHPortBase + 1 + len(nodes),
				MemoryMB: s.MemoryMB,
				CPUs:     s.CPUs,
			}
			if role == RoleMaster {
				n.ZooKeeperID = i + 1
			}
			if perr == nil {
				n.IP = hostAddr(prefix.Masked().Addr(), first+i)
			}
			nodes = append(nodes, n)
		}
	}
	add(RoleMaster, s.Masters, firstMasterHost)
	add(RoleAgent, s.Agents, firstAgentHost)

	for i, o := range s.Nodes {
		key := fmt.Sprintf("nodes[%d]", i)
		idx := indexOfNode(nodes, o.Name)
		if idx < 0 {
			continue // reported by validateOverrides, which knows the names
		}
		n := &nodes[idx]
		if o.IP != "" {
			ip, err := netip.ParseAddr(o.IP)
			if err != nil {
				problems = append(problems, Problem{Key: key + ".ip", Value: o.IP,
					Message: "not an IPv4 address", Fix: "write a dotted address such as 192.168.56.30"})
				n.IP = netip.Addr{}
			} else {
				n.IP = ip
			}
		}
		if o.MemoryMB != 0 {
			n.MemoryMB = o.MemoryMB
		}
		if o.CPUs != 0 {
			n.CPUs = o.CPUs
		}
		if o.SSHPort != 0 {
			n.SSHPort = o.SSHPort
		}
	}
	return nodes, problems
}

// maxNodesPerRole bounds derivation so that absurd counts cannot make the
// tool allocate; validation reports the count itself.
const maxNodesPerRole = 256

func indexOfNode(nodes []Node, name string) int {
	for i, n := range nodes {
		if n.Name == name {
			return i
		}
	}
	return -1
}

// hostAddr is the address with host number h inside the masked prefix base.
// It may fall outside the prefix; validation checks that.
func hostAddr(base netip.Addr, h int) netip.Addr {
	if !base.Is4() {
		return netip.Addr{}
	}
	b := base.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	v += uint32(h)
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}
