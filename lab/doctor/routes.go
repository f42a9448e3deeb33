package doctor

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/bits"
	"net/netip"
	"strings"
)

// parseProcNetRoute reads Linux's /proc/net/route: one route a line, with
// destination and mask as 8 hex digits in the kernel's (little-endian) byte
// order.
func parseProcNetRoute(text string) ([]Route, error) {
	var out []Route
	for i, line := range strings.Split(strings.TrimSpace(text), "\n") {
		f := strings.Fields(line)
		if i == 0 || len(f) < 8 {
			continue // header
		}
		dst, err1 := hexIPv4(f[1])
		mask, err2 := hexIPv4(f[7])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("/proc/net/route line %d %q: bad address", i+1, line)
		}
		m := mask.As4()
		ones := bits.OnesCount32(binary.BigEndian.Uint32(m[:]))
		out = append(out, Route{Prefix: netip.PrefixFrom(dst, ones).Masked(), Iface: f[0]})
	}
	return out, nil
}

func hexIPv4(s string) (netip.Addr, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 4 {
		return netip.Addr{}, fmt.Errorf("bad hex address %q", s)
	}
	return netip.AddrFrom4([4]byte{b[3], b[2], b[1], b[0]}), nil
}

// parseNetstatRoutes reads `netstat -rn -f inet` on macOS and the BSDs. The
// destination drops trailing zero octets ("192.168.1" is 192.168.1.0/24,
// "127" is 127.0.0.0/8) unless a /bits suffix is given; "default" is 0/0.
func parseNetstatRoutes(text string) []Route {
	var out []Route
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) < 4 {
			continue
		}
		if p, ok := netstatDest(f[0]); ok {
			out = append(out, Route{Prefix: p, Iface: f[3]})
		}
	}
	return out
}

func netstatDest(d string) (netip.Prefix, bool) {
	if d == "default" {
		return netip.MustParsePrefix("0.0.0.0/0"), true
	}
	addr, suffix, hasBits := strings.Cut(d, "/")
	octets := strings.Split(addr, ".")
	if len(octets) > 4 {
		return netip.Prefix{}, false
	}
	nbits := 8 * len(octets)
	for len(octets) < 4 {
		octets = append(octets, "0")
	}
	a, err := netip.ParseAddr(strings.Join(octets, "."))
	if err != nil {
		return netip.Prefix{}, false
	}
	if hasBits {
		if _, err := fmt.Sscanf(suffix, "%d", &nbits); err != nil || nbits > 32 {
			return netip.Prefix{}, false
		}
	}
	return netip.PrefixFrom(a, nbits).Masked(), true
}

// Routing is the part of Host that says where the host sends packets.
type Routing interface {
	Interfaces(ctx context.Context) ([]Interface, error)
	Routes(ctx context.Context) ([]Route, error)
}

// RouteOf says through which interface this host sends packets for addr,
// and whether that interface is the lab's own: loopback, or the provider's
// network (a VirtualBox host-only adapter, the Docker bridge of the
// container lab). The most specific route decides, as the kernel's lookup
// does; a default route is never the lab's. Where routes cannot be read
// (Windows) the interface whose own network holds addr decides. iface is
// "" when nothing but a default route, or nothing at all, reaches addr.
func RouteOf(ctx context.Context, h Routing, provider string, addr netip.Addr) (iface string, own bool, err error) {
	if addr.IsLoopback() {
		return "loopback", true, nil
	}
	ifaces, ierr := h.Interfaces(ctx)
	loopback := map[string]bool{}
	for _, ifc := range ifaces {
		loopback[ifc.Name] = ifc.Loopback
	}
	local := func(name string) bool { return loopback[name] || ownInterface(provider, name) }
	routes, rerr := h.Routes(ctx)
	if rerr == nil {
		best := -1
		for _, r := range routes {
			if r.Prefix.Contains(addr) && r.Prefix.Bits() > best {
				best, iface = r.Prefix.Bits(), r.Iface
			}
		}
		if best <= 0 {
			return "", false, nil
		}
		return iface, local(iface), nil
	}
	if ierr != nil {
		return "", false, fmt.Errorf("read this host's routes: %w", rerr)
	}
	best := -1
	for _, ifc := range ifaces {
		for _, pr := range ifc.Prefixes {
			if pr.Masked().Contains(addr) && pr.Bits() > best {
				best, iface = pr.Bits(), ifc.Name
			}
		}
	}
	if best < 0 {
		return "", false, nil
	}
	return iface, local(iface), nil
}
