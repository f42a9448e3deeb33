package doctor

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/netip"
	"strings"
)

// networksConf is where VirtualBox (>= 6.1.28, Linux and macOS) reads the
// ranges it allows for host-only networks.
const networksConf = "/etc/vbox/networks.conf"

// defaultHostOnly is what VirtualBox allows when networks.conf is absent.
var defaultHostOnly = netip.MustParsePrefix("192.168.56.0/21")

// checkHostNetwork checks that VirtualBox accepts the lab subnet and that no
// host interface or route (a home LAN, a VPN) already uses it.
func checkHostNetwork(ctx context.Context, p *probe, lab Lab) finding {
	if !lab.Subnet.IsValid() {
		return finding{StatusFail, "the lab has no subnet", "set the lab's private network"}
	}
	sub := lab.Subnet.Masked()
	allow := allowedRange(ctx, p, lab, sub)
	clash := overlaps(ctx, p.h, lab, sub)
	if allow.Status == StatusOK && clash.Status == StatusOK {
		return ok(strings.TrimPrefix(allow.Finding+"; "+clash.Finding, "; "))
	}
	return worst(allow, clash)
}

// allowedRange checks the subnet against networks.conf or the default range.
func allowedRange(ctx context.Context, p *probe, lab Lab, sub netip.Prefix) finding {
	if lab.provider() != ProviderVirtualBox {
		return ok("")
	}
	switch p.h.OS() {
	case "windows":
		return ok(sub.String() + " (Windows puts no limit on host-only ranges)")
	case "darwin":
		// VirtualBox 7 on macOS uses host-only networks, which Vagrant does not
		// check against networks.conf.
		if vb, err := p.virtualBox(ctx); err == nil && atLeast(vb.Version, "7.0.0") {
			return ok(sub.String() + " (VirtualBox 7 on macOS: host-only networks)")
		}
	}
	ranges, source := []netip.Prefix{defaultHostOnly}, "VirtualBox's default"
	b, err := p.h.ReadFile(ctx, networksConf)
	switch {
	case err == nil:
		ranges, source = parseNetworksConf(string(b)), networksConf
	case !errors.Is(err, fs.ErrNotExist):
		return finding{StatusWarn, fmt.Sprintf("cannot read %s: %v", networksConf, err),
			"make sure the file is readable; VirtualBox refuses subnets it does not list"}
	}
	for _, r := range ranges {
		if r.Bits() <= sub.Bits() && r.Contains(sub.Addr()) {
			return ok(fmt.Sprintf("%s is inside %s (%s)", sub, r, source))
		}
	}
	line := "* " + sub.String()
	if source != networksConf {
		// Creating the file replaces the default, so keep the default too.
		line = "* " + defaultHostOnly.String() + " " + sub.String()
	}
	return finding{StatusFail,
		fmt.Sprintf("%s is outside the host-only ranges VirtualBox allows (%s: %s)", sub, source, prefixList(ranges)),
		fmt.Sprintf("use a subnet inside %s, or allow this one: `sudo mkdir -p /etc/vbox && echo '%s' | sudo tee -a %s`",
			defaultHostOnly, line, networksConf)}
}

// parseNetworksConf reads every entry of the lines that start with '*', as
// VirtualBox and Vagrant do; '#' lines are comments. A file without such
// lines allows nothing.
func parseNetworksConf(text string) []netip.Prefix {
	var out []netip.Prefix
	for _, line := range strings.Split(text, "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || fields[0] != "*" {
			continue
		}
		for _, f := range fields[1:] {
			if pr, err := netip.ParsePrefix(f); err == nil {
				out = append(out, pr.Masked())
			} else if a, err := netip.ParseAddr(f); err == nil {
				out = append(out, netip.PrefixFrom(a, a.BitLen()))
			}
		}
	}
	return out
}

func prefixList(ps []netip.Prefix) string {
	if len(ps) == 0 {
		return "none"
	}
	var s []string
	for _, p := range ps {
		s = append(s, p.String())
	}
	return strings.Join(s, ", ")
}

// HostOnlyRanges is what VirtualBox allows for host-only networks on this
// host: the ranges in /etc/vbox/networks.conf, or the default 192.168.56.0/21
// when the file does not exist. Validation widens its subnet rule with it.
func HostOnlyRanges(ctx context.Context, h Host) []netip.Prefix {
	b, err := h.ReadFile(ctx, networksConf)
	if err != nil {
		return []netip.Prefix{defaultHostOnly}
	}
	return parseNetworksConf(string(b))
}
