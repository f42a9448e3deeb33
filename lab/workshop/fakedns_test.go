package workshop

import (
	"encoding/binary"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/mesoslab/mesoslab/lab/health/healthtest"
)

// fakeDNS stands for each master's Mesos-DNS: one UDP socket per address on
// a shared port, answering A and SRV queries for the names set on that
// address, NXDOMAIN for others. It speaks just enough of RFC 1035 for Go's
// resolver: one question in; the question echoed and the records out.
type fakeDNS struct {
	port    int
	mu      sync.Mutex
	a       map[string]map[string][]string // server addr → name → IPv4s
	srv     map[string]map[string][]SRVRecord
	queries int
}

func newFakeDNS(t *testing.T, addrs []string) *fakeDNS {
	t.Helper()
	port, conns := healthtest.ListenUDP(t, addrs)
	d := &fakeDNS{port: port, a: map[string]map[string][]string{}, srv: map[string]map[string][]SRVRecord{}}
	var wg sync.WaitGroup
	for i, pc := range conns {
		addr := addrs[i]
		wg.Go(func() { d.serve(addr, pc) })
	}
	t.Cleanup(func() {
		for _, pc := range conns {
			pc.Close()
		}
		wg.Wait()
	})
	return d
}

// set publishes the A and SRV records of a name on the server at addr.
func (d *fakeDNS) set(addr, aName string, ips []string, srvName string, srvs []SRVRecord) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.a[addr] == nil {
		d.a[addr], d.srv[addr] = map[string][]string{}, map[string][]SRVRecord{}
	}
	d.a[addr][aName] = ips
	d.srv[addr][srvName] = srvs
}

func (d *fakeDNS) serve(addr string, pc net.PacketConn) {
	buf := make([]byte, 1500)
	for {
		n, from, err := pc.ReadFrom(buf)
		if err != nil {
			return
		}
		if resp, err := d.answer(addr, buf[:n]); err == nil {
			pc.WriteTo(resp, from)
		}
	}
}

// answer builds the response to one query.
func (d *fakeDNS) answer(addr string, q []byte) ([]byte, error) {
	if len(q) < 12 || binary.BigEndian.Uint16(q[4:6]) != 1 {
		return nil, errors.New("want exactly one question")
	}
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
	ips, knownA := d.a[addr][name]
	srvs, knownSRV := d.srv[addr][name]
	d.mu.Unlock()

	var answers [][]byte
	switch {
	case qtype == 1 && knownA:
		for _, ip := range ips {
			rr := []byte{0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4} // → question name, A, IN, TTL 60
			answers = append(answers, append(rr, net.ParseIP(ip).To4()...))
		}
	case qtype == 33 && knownSRV:
		for _, s := range srvs {
			rdata := binary.BigEndian.AppendUint16(nil, s.Priority)
			rdata = binary.BigEndian.AppendUint16(rdata, s.Weight)
			rdata = binary.BigEndian.AppendUint16(rdata, s.Port)
			rdata = append(rdata, encodeName(s.Target)...)
			rr := []byte{0xc0, 12, 0, 33, 0, 1, 0, 0, 0, 60} // → question name, SRV, IN, TTL 60
			rr = binary.BigEndian.AppendUint16(rr, uint16(len(rdata)))
			answers = append(answers, append(rr, rdata...))
		}
	}
	resp := make([]byte, 12, 512)
	copy(resp, q[:2])
	flags := uint16(0x8400) | binary.BigEndian.Uint16(q[2:4])&0x0100 // QR, AA, copy RD
	if !knownA && !knownSRV {
		flags |= 3 // NXDOMAIN
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
	var b []byte
	for _, l := range strings.Split(strings.TrimSuffix(name, "."), ".") {
		b = append(b, byte(len(l)))
		b = append(b, l...)
	}
	return append(b, 0)
}
