package stacktest

import (
	"net/http"
	"strings"
	"testing"
)

// The reference lab moved onto loopback: the payloads in testdata name masters master1-3 on 192.168.56.11-13 and agents agent1-3 on .21-23,
// which Payloads rewrites to 127.0.0.x. Linux routes all of 127/8 to lo, so
// each node gets its own address.
var (
	referenceMasters = []Member{{"master1", "127.0.0.11"}, {"master2", "127.0.0.12"}, {"master3", "127.0.0.13"}}
	referenceAgents  = []Member{{"agent1", "127.0.0.21"}, {"agent2", "127.0.0.22"}, {"agent3", "127.0.0.23"}}
)

// ReferenceMasters returns the loopback masters the payloads name.
func ReferenceMasters() []Member { return clone(referenceMasters) }

// ReferenceAgents returns the loopback agents the payloads name.
func ReferenceAgents() []Member { return clone(referenceAgents) }

func clone(ms []Member) []Member { return append([]Member(nil), ms...) }

// Payloads returns a reader of this package's payloads (see Payload),
// moved from the reference lab's subnet onto loopback.
func Payloads(t testing.TB) func(name string) string {
	return func(name string) string {
		t.Helper()
		return strings.ReplaceAll(string(Payload(t, name)), "192.168.56.", "127.0.0.")
	}
}

// ServeHealthy makes f answer as the reference lab in good health: master1
// leads, every agent is registered, Marathon and Chronos are active and
// Mesos-DNS answers on every master.
func (f *HTTP) ServeHealthy(payload func(string) string, masters, agents []Member) {
	for _, m := range masters {
		f.Set(m.Addr, "/metrics/snapshot", 200, payload("mesos/metrics-standby.json"))
		// Mesos writes a protocol-relative Location with the leader's --hostname.
		f.Redirect(m.Addr, "//"+masters[0].Name+":5050")
		f.Set(m.Addr, "/ping", 200, "pong")
		f.Set(m.Addr, "/v2/info", 200, payload("marathon/info.json"))
		f.Set(m.Addr, "/v1/scheduler/jobs", 200, payload("chronos/jobs.json"))
		f.SetMesosDNS(m.Addr, "/v1/version", MesosDNS07, payload("mesos-dns/version.json"))
	}
	leader := masters[0].Addr
	f.Set(leader, "/metrics/snapshot", 200, payload("mesos/metrics-leader.json"))
	f.Set(leader, "/master/slaves", 200, payload("mesos/slaves.json"))
	f.Set(leader, "/master/frameworks", 200, payload("mesos/frameworks.json"))
	for _, a := range agents {
		f.Set(a.Addr, "/health", http.StatusOK, "")
	}
}

// ServeHealthy makes every master's Mesos-DNS name the first master as
// leader.mesos. and master.mesos., as Mesos-DNS started with zk does.
func (d *DNS) ServeHealthy(masters []Member) {
	for _, m := range masters {
		d.Set(m.Addr, "leader.mesos.", masters[0].Addr)
		d.Set(m.Addr, "master.mesos.", masters[0].Addr)
	}
}

// ServeHealthy makes the first master the ZooKeeper leader and the others
// followers, with the srvr answers captured from a real ensemble.
func (z *ZK) ServeHealthy(payload func(string) string, masters []Member) {
	for i, m := range masters {
		answer := payload("zookeeper/srvr-follower.txt")
		if i == 0 {
			answer = payload("zookeeper/srvr-leader.txt")
		}
		z.Answer(m.Addr, answer)
	}
}

// Lab is a whole fake reference lab on loopback: HTTP for Mesos, the agents,
// Marathon, Chronos and Mesos-DNS, DNS for Mesos-DNS's records and the
// ZooKeeper peers, each on its own free port.
type Lab struct {
	Masters, Agents []Member
	HTTP            *HTTP
	DNS             *DNS
	ZK              *ZK
}

// NewLab starts a healthy fake reference lab serving the payloads.
func NewLab(t testing.TB, payload func(string) string) *Lab {
	t.Helper()
	l := &Lab{Masters: ReferenceMasters(), Agents: ReferenceAgents()}
	l.HTTP = NewHTTP(t, Addrs(l.Masters, l.Agents))
	l.DNS = NewDNS(t, Addrs(l.Masters))
	l.ZK = NewZK(t, Addrs(l.Masters))
	l.HTTP.ServeHealthy(payload, l.Masters, l.Agents)
	l.DNS.ServeHealthy(l.Masters)
	l.ZK.ServeHealthy(payload, l.Masters)
	return l
}
