package stacktest

import (
	"encoding/binary"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
)

// DNS is a tiny authoritative DNS server for the "mesos." zone, one UDP
// socket per address on a shared port, answering A and SRV queries from a
// table per address, as each master's Mesos-DNS would. It speaks just
// enough of RFC 1035 for Go's resolver: one question in, the question
// echoed and the records out, NXDOMAIN for unknown names.
type DNS struct {
	// Port is the one UDP port every address listens on.
	Port    int
	mu      sync.Mutex
	records map[string]map[string][]string // server addr → name → IPv4s
	srv     map[string]map[string][]SRV    // server addr → name → SRV records
	queries int
}

// SRV is one SRV record: a service's target host and port.
type SRV struct {
	Target                 string // fully qualified, with the final dot
	Port, Priority, Weight uint16
}

// NewDNS starts the fake on addrs; t.Cleanup stops it.
func NewDNS(t testing.TB, addrs []string) *DNS {
	t.Helper()
	port, conns := ListenUDP(t, addrs)
	d := &DNS{Port: port, records: map[string]map[string][]string{}, srv: map[string]map[string][]SRV{}}
	var wg sync.WaitGroup
	for i, pc := range conns {
		addr := addrs[i]
		wg.Go(func() { d.serve(addr, pc) })
	}
	// Closing the sockets ends the serve loops; then wait for them.
	t.Cleanup(func() {
		for _, pc := range conns {
			pc.Close()
		}
		wg.Wait()
	})
	return d
}

// Set gives name (fully qualified, with the final dot) the addresses ips
// on the server at addr.
func (d *DNS) Set(addr, name string, ips ...string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.records[addr] == nil {
		d.records[addr] = map[string][]string{}
	}
	d.records[addr][name] = ips
}

// SetSRV gives name (fully qualified) the SRV records srvs on the server
// at addr.
func (d *DNS) SetSRV(addr, name string, srvs ...SRV) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.srv[addr] == nil {
		d.srv[addr] = map[string][]SRV{}
	}
	d.srv[addr][name] = srvs
}

// Queries is how many questions the server has answered so far.
func (d *DNS) Queries() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.queries
}

// Remove makes name unknown (NXDOMAIN) on the server at addr.
func (d *DNS) Remove(addr, name string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.records[addr], name)
}

func (d *DNS) serve(addr string, pc net.PacketConn) {
	buf := make([]byte, 1500)
	for {
		n, from, err := pc.ReadFrom(buf)
		if err != nil {
			return
		}
		resp, err := d.answer(addr, buf[:n])
		if err != nil {
			continue
		}
		pc.WriteTo(resp, from)
	}
}

// answer builds the response to one query message.
func (d *DNS) answer(addr string, q []byte) ([]byte, error) {
	if len(q) < 12 || binary.BigEndian.Uint16(q[4:6]) != 1 {
		return nil, errors.New("want exactly one question")
	}
	// The question: labels up to the root, then QTYPE and QCLASS.
	i := 12
	var labels []string
	for i < len(q) && q[i] != 0 {
		l := int(q[i])
		if i+1+l > len(q) {
			return nil, errors.New("short label")
		}
		labels = append(labels, string(q[i+1:i+1+l]))
		i += 1 + l
	}
	end := i + 5
	if end > len(q) {
		return nil, errors.New("short question")
	}
	qtype := binary.BigEndian.Uint16(q[i+1 : i+3])
	name := strings.ToLower(strings.Join(labels, ".")) + "."

	d.mu.Lock()
	d.queries++
	ips, knownA := d.records[addr][name]
	srvs, knownSRV := d.srv[addr][name]
	d.mu.Unlock()

	resp := make([]byte, 12, 512)
	copy(resp, q[:2])                                                // ID
	flags := uint16(0x8400) | binary.BigEndian.Uint16(q[2:4])&0x0100 // QR, AA, copy RD
	if !knownA && !knownSRV {
		flags |= 3 // NXDOMAIN
	}
	var answers [][]byte
	switch {
	case qtype == 1 && knownA:
		for _, ip := range ips {
			rr := []byte{0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4} // name → question, A, IN, TTL 60
			answers = append(answers, append(rr, net.ParseIP(ip).To4()...))
		}
	case qtype == 33 && knownSRV:
		for _, s := range srvs {
			rdata := binary.BigEndian.AppendUint16(nil, s.Priority)
			rdata = binary.BigEndian.AppendUint16(rdata, s.Weight)
			rdata = binary.BigEndian.AppendUint16(rdata, s.Port)
			rdata = append(rdata, encodeName(s.Target)...)
			rr := []byte{0xc0, 12, 0, 33, 0, 1, 0, 0, 0, 60} // name → question, SRV, IN, TTL 60
			rr = binary.BigEndian.AppendUint16(rr, uint16(len(rdata)))
			answers = append(answers, append(rr, rdata...))
		}
	}
	binary.BigEndian.PutUint16(resp[2:4], flags)
	binary.BigEndian.PutUint16(resp[4:6], 1)
	binary.BigEndian.PutUint16(resp[6:8], uint16(len(answers)))
	resp = append(resp, q[12:end]...)
	for _, a := range answers {
		resp = append(resp, a...)
	}
	return resp, nil
}

// encodeName writes a domain name as uncompressed labels.
func encodeName(name string) []byte {
	var out []byte
	for _, l := range strings.Split(strings.TrimSuffix(name, "."), ".") {
		out = append(out, byte(len(l)))
		out = append(out, l...)
	}
	return append(out, 0)
}
