package lab

import (
	"fmt"
	"net/netip"
	"strconv"

	"github.com/mesoslab/mesoslab/lab/config"
)

// Where a lab left at the defaults moves when another lab holds them: the
// next /24 inside VirtualBox's default host-only range, and SSH ports 100
// further on.
const sshPortStep = 100

// AvoidCollisions keeps a lab that is not built yet off the subnet and SSH
// ports of every other lab under home that is built (lab.json) or
// configured (mesoslab.yaml): two labs on one network or one port would
// break each other. A subnet or port base the user did not set (userSet
// says, by key: "subnet", "ssh_port_base") moves to the next free one; a
// value the user set that collides is an error naming both labs. Loopback
// labs (services run by hand, for tests) are left alone.
func AvoidCollisions(home string, spec config.Spec, userSet func(key string) bool) (config.Spec, error) {
	if userSet == nil {
		userSet = func(string) bool { return false }
	}
	if home == "" || isLoopback(spec.Subnet) {
		return spec, nil
	}
	all, err := existingSpecs(home)
	if err != nil {
		return spec, err
	}
	var others []existingLab
	for _, o := range all {
		if o.name != spec.Name && (o.built || o.configured) && !isLoopback(o.spec.Subnet) {
			others = append(others, o)
		}
	}
	var ps []config.Problem
	if o, clash := subnetClash(spec, others); clash {
		if !userSet("subnet") && !nodesPinned(spec, func(n config.NodeOverride) bool { return n.IP != "" }) {
			spec.Subnet = freeSubnet(spec, others)
		}
		if o, clash = subnetClash(spec, others); clash {
			ps = append(ps, config.Problem{Key: "subnet", Value: spec.Subnet,
				Message: fmt.Sprintf("lab %q uses %s already (%s)", o.name, o.spec.Subnet, o.dir.Root),
				Fix:     "give lab " + spec.Name + " another subnet in 192.168.56.0/21 (e.g. --subnet 192.168.60.0/24), or `mesoslab destroy --lab " + o.name + "`"})
		}
	}
	if o, port, clash := portClash(spec, others); clash {
		if !userSet("ssh_port_base") && !nodesPinned(spec, func(n config.NodeOverride) bool { return n.SSHPort != 0 }) {
			for spec.SSHPortBase+sshPortStep <= 65000 && clash {
				spec.SSHPortBase += sshPortStep
				_, _, clash = portClash(spec, others)
			}
		}
		if o, port, clash = portClash(spec, others); clash {
			ps = append(ps, config.Problem{Key: "ssh_port_base", Value: strconv.Itoa(spec.SSHPortBase),
				Message: fmt.Sprintf("lab %q forwards SSH port %d already (%s)", o.name, port, o.dir.Root),
				Fix:     "set ssh_port_base in lab " + spec.Name + "'s mesoslab.yaml to a free range, e.g. " + strconv.Itoa(spec.SSHPortBase+sshPortStep)})
		}
	}
	if len(ps) > 0 {
		return spec, config.AsError(ps)
	}
	return spec, nil
}

func isLoopback(subnet string) bool {
	p, err := netip.ParsePrefix(subnet)
	return err == nil && p.Addr().IsLoopback()
}

func nodesPinned(s config.Spec, pinned func(config.NodeOverride) bool) bool {
	for _, n := range s.Nodes {
		if pinned(n) {
			return true
		}
	}
	return false
}

// subnetClash finds a lab whose subnet overlaps spec's. An unparsable
// subnet clashes with nothing: validation reports it.
func subnetClash(spec config.Spec, others []existingLab) (existingLab, bool) {
	p, err := netip.ParsePrefix(spec.Subnet)
	if err != nil {
		return existingLab{}, false
	}
	for _, o := range others {
		if q, err := netip.ParsePrefix(o.spec.Subnet); err == nil && p.Masked().Overlaps(q.Masked()) {
			return o, true
		}
	}
	return existingLab{}, false
}

// freeSubnet is the first /24 of VirtualBox's default range no other lab
// overlaps; spec's own subnet when every one is taken.
func freeSubnet(spec config.Spec, others []existingLab) string {
	base := config.VirtualBoxDefaultRange.Addr().As4()
	for i := 0; i < 1<<(24-config.VirtualBoxDefaultRange.Bits()); i++ {
		a := base
		a[2] += byte(i)
		try := spec
		try.Subnet = netip.PrefixFrom(netip.AddrFrom4(a), 24).String()
		if _, clash := subnetClash(try, others); !clash {
			return try.Subnet
		}
	}
	return spec.Subnet
}

// portClash finds a lab that forwards one of spec's SSH ports.
func portClash(spec config.Spec, others []existingLab) (existingLab, int, bool) {
	mine, _ := config.DeriveNodes(spec)
	for _, o := range others {
		theirs, _ := config.DeriveNodes(o.spec)
		used := map[int]bool{}
		for _, n := range theirs {
			used[n.SSHPort] = true
		}
		for _, n := range mine {
			if used[n.SSHPort] {
				return o, n.SSHPort, true
			}
		}
	}
	return existingLab{}, 0, false
}

// setBy reports which network keys the configuration file, the MESOSLAB_*
// variables or the flags set, as opposed to the defaults. The file is read
// again over a base that no file value equals, so a key written with the
// default's value (as `mesoslab init` writes them) counts as set.
func setBy(path string, env, flags config.Overrides) func(string) bool {
	fromFile := config.Spec{SSHPortBase: -1}
	if path != "" {
		base := config.Default()
		base.Subnet, base.SSHPortBase = "", -1
		if s, err := config.LoadFile(path, base); err == nil {
			fromFile = s
		}
	}
	return func(key string) bool {
		switch key {
		case "subnet":
			return fromFile.Subnet != "" || env.Subnet != nil || flags.Subnet != nil
		case "ssh_port_base":
			return fromFile.SSHPortBase != -1
		}
		return false
	}
}
