package workshop

import (
	"testing"

	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// fakeDNS stands for each master's Mesos-DNS: health's fake DNS server,
// with the demo's A and SRV records set in one call.
type fakeDNS struct {
	*stacktest.DNS
	port int
}

func newFakeDNS(t *testing.T, addrs []string) *fakeDNS {
	t.Helper()
	d := stacktest.NewDNS(t, addrs)
	return &fakeDNS{DNS: d, port: d.Port}
}

// set publishes the A and SRV records of a name on the server at addr.
func (d *fakeDNS) set(addr, aName string, ips []string, srvName string, srvs []SRVRecord) {
	d.Set(addr, aName, ips...)
	records := make([]stacktest.SRV, len(srvs))
	for i, s := range srvs {
		records[i] = stacktest.SRV{Target: s.Target, Port: s.Port, Priority: s.Priority, Weight: s.Weight}
	}
	d.SetSRV(addr, srvName, records...)
}
