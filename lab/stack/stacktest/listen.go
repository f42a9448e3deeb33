// Package stacktest holds fakes of the Mesos stack's services for tests:
// HTTP endpoints (canned answers in HTTP, handlers in Mux), a Mesos-DNS-like DNS server and ZooKeeper four-letter-word
// peers, each listening on several loopback addresses at one shared port,
// as the lab's nodes do on their own addresses. It also has dial functions
// that send the standard ports to the fakes and that imitate a node which
// silently drops packets.
//
// The fakes serve payloads in the documented formats of Mesos, Marathon,
// Chronos and Mesos-DNS, which cannot run on the build machines; the
// payloads live in this package's testdata, each with its upstream source
// (see Payload). The package imports only package stack, so the tests of
// stack, health and workshop can all use it.
package stacktest

import (
	"fmt"
	"io"
	"net"
	"testing"
)

// Member is one node of a fake lab: its name and loopback address.
type Member struct {
	Name, Addr string
}

// Addrs lists the members' addresses.
func Addrs(members ...[]Member) []string {
	var out []string
	for _, ms := range members {
		for _, m := range ms {
			out = append(out, m.Addr)
		}
	}
	return out
}

// ListenTCP binds one TCP listener per address, all on one free port, so a
// single port number reaches every fake node. The caller closes them.
func ListenTCP(t testing.TB, addrs []string) (int, []net.Listener) {
	t.Helper()
	port, cs := samePort(t, addrs, func(addr string) (io.Closer, int, error) {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			return nil, 0, err
		}
		return l, l.Addr().(*net.TCPAddr).Port, nil
	})
	out := make([]net.Listener, len(cs))
	for i, c := range cs {
		out[i] = c.(net.Listener)
	}
	return port, out
}

// ListenUDP is ListenTCP for UDP sockets.
func ListenUDP(t testing.TB, addrs []string) (int, []net.PacketConn) {
	t.Helper()
	port, cs := samePort(t, addrs, func(addr string) (io.Closer, int, error) {
		pc, err := net.ListenPacket("udp", addr)
		if err != nil {
			return nil, 0, err
		}
		return pc, pc.LocalAddr().(*net.UDPAddr).Port, nil
	})
	out := make([]net.PacketConn, len(cs))
	for i, c := range cs {
		out[i] = c.(net.PacketConn)
	}
	return port, out
}

// FreePort returns a TCP port free on every address at the time of the
// call. The listeners are closed before it returns, so another process
// could take the port before the caller binds it; callers say so when
// that makes them fail.
func FreePort(t testing.TB, addrs []string) int {
	t.Helper()
	port, ls := ListenTCP(t, addrs)
	for _, l := range ls {
		l.Close()
	}
	return port
}

// samePort retries until the first address's free port is also free on
// the others.
func samePort(t testing.TB, addrs []string, listen func(addr string) (io.Closer, int, error)) (int, []io.Closer) {
	t.Helper()
	for attempt := 0; attempt < 50; attempt++ {
		port := 0
		var out []io.Closer
		var err error
		for _, a := range addrs {
			var c io.Closer
			var got int
			if c, got, err = listen(net.JoinHostPort(a, fmt.Sprint(port))); err != nil {
				break
			}
			port = got
			out = append(out, c)
		}
		if err == nil {
			return port, out
		}
		for _, c := range out {
			c.Close()
		}
	}
	t.Fatalf("no port free on all of %v", addrs)
	return 0, nil
}
