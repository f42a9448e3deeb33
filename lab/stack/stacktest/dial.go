package stacktest

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strconv"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// PortDial dials loopback addresses only, with the port replaced when ports
// maps it: probes that use the lab's standard ports then reach fakes that
// had to take free ones. Any other address fails without a packet sent,
// so a test can never reach a real host by mistake.
func PortDial(ports map[int]int) stack.DialFunc {
	var d net.Dialer
	return func(ctx context.Context, network, address string) (net.Conn, error) {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || !ap.Addr().IsLoopback() {
			return nil, &net.OpError{Op: "dial", Net: network, Err: fmt.Errorf("test dial refuses %s: not a loopback address", address)}
		}
		if to, found := ports[int(ap.Port())]; found {
			address = net.JoinHostPort(ap.Addr().String(), strconv.Itoa(to))
		}
		return d.DialContext(ctx, network, address)
	}
}

// Silent imitates nodes whose firewall drops every packet: a dial to any
// of hosts hangs until ctx ends, then fails as a timed-out dial does.
// Other addresses go to next.
func Silent(hosts []string, next stack.DialFunc) stack.DialFunc {
	return func(ctx context.Context, network, address string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(address)
		if err == nil && slices.Contains(hosts, host) {
			<-ctx.Done()
			return nil, &net.OpError{Op: "dial", Net: network, Err: ctx.Err()}
		}
		return next(ctx, network, address)
	}
}
