package recipes

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/provision"
)

// mesosDNSConfigJSON is Mesos-DNS's config.json (records.Config; keys as
// in its config.json.sample), in a fixed order.
type mesosDNSConfigJSON struct {
	ZK                 string   `json:"zk"`
	ZKDetectionTimeout int      `json:"zkDetectionTimeout"`
	Masters            []string `json:"masters"`
	RefreshSeconds     int      `json:"refreshSeconds"`
	TTL                int      `json:"ttl"`
	Domain             string   `json:"domain"`
	Port               int      `json:"port"`
	Resolvers          []string `json:"resolvers"`
	Timeout            int      `json:"timeout"`
	Listener           string   `json:"listener"`
	HTTPListener       string   `json:"httpListener"`
	SOAMname           string   `json:"SOAMname"`
	SOARname           string   `json:"SOARname"`
	SOARefresh         int      `json:"SOARefresh"`
	SOARetry           int      `json:"SOARetry"`
	SOAExpire          int      `json:"SOAExpire"`
	SOAMinttl          int      `json:"SOAMinttl"`
	DNSOn              bool     `json:"dnson"`
	HTTPOn             bool     `json:"httpon"`
	HTTPPort           int      `json:"httpport"`
	ExternalOn         bool     `json:"externalon"`
	RecurseOn          bool     `json:"recurseon"`
	IPSources          []string `json:"IPSources"`
}

// renderMesosDNSConfig is the config of Mesos-DNS on master n:
//   - the leader from ZooKeeper; the masters are where Mesos-DNS fetches
//     state until ZooKeeper lists the masters itself, not a fallback for
//     finding the leader (with zk set, only ZooKeeper names it);
//   - zkDetectionTimeout 0: without it Mesos-DNS exits after 30 s with no
//     leader in ZooKeeper ("master detection timed out"), so a lost
//     ZooKeeper quorum would take DNS down on every master; with 0 it keeps
//     answering from its last records until ZooKeeper names a leader again;
//   - DNS on port 53 and HTTP on 8123, both on the private address only (so
//     a local stub resolver on 127.0.0.53 keeps its port, and the API is
//     not on the NAT interface);
//   - upstream, the node's own resolvers.
func renderMesosDNSConfig(c Cluster, n Node, resolvers []string) []byte {
	var masters []string
	for _, ip := range masterIPs(c) {
		masters = append(masters, ip+":"+strconv.Itoa(stack.MesosMasterPort))
	}
	cfg := mesosDNSConfigJSON{
		ZK: c.ZooKeeperURL("mesos"), ZKDetectionTimeout: 0, Masters: masters,
		RefreshSeconds: 60, TTL: 60, Domain: "mesos", Port: stack.DNSPort, Resolvers: resolvers, Timeout: 5, Listener: n.IP, HTTPListener: n.IP,
		SOAMname: "ns1.mesos", SOARname: "root.ns1.mesos", SOARefresh: 60, SOARetry: 600, SOAExpire: 86400, SOAMinttl: 60,
		DNSOn: true, HTTPOn: true, HTTPPort: stack.MesosDNSHTTPPort, ExternalOn: true, RecurseOn: true,
		IPSources: []string{"netinfo", "mesos", "host"},
	}
	out, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		panic(err) // a struct of strings, ints and bools always marshals
	}
	return append(out, '\n')
}

// mesosDNSConfigStep keeps config.json with the node's upstream resolver,
// read from the node each time it runs (a fact of the node, see
// resolvFacts); the file itself is a provision.File.
type mesosDNSConfigStep struct {
	c     Cluster
	n     Node
	path  string
	owner string
	paths resolvPaths
}

func (s *mesosDNSConfigStep) Name() string { return "mesos-dns config " + s.path }

func (s *mesosDNSConfigStep) file(ctx context.Context, r provision.Runner) (provision.Step, error) {
	f, err := readResolv(ctx, r, s.paths)
	if err != nil {
		return nil, err
	}
	up, err := f.upstream(masterIPs(s.c))
	if err != nil {
		return nil, err
	}
	// Only the first: the resolver recipe keeps it in resolv.conf behind
	// the Mesos-DNS servers, but not always the others (glibc reads three
	// nameservers), and the config must not change once the resolver ran.
	return provision.File(provision.FileSpec{
		Path: s.path, Content: renderMesosDNSConfig(s.c, s.n, up[:1]), Mode: 0o644, Owner: s.owner,
	}), nil
}

func (s *mesosDNSConfigStep) Check(ctx context.Context, r provision.Runner) (bool, error) {
	f, err := s.file(ctx, r)
	if err != nil {
		return false, err
	}
	return f.Check(ctx, r)
}

func (s *mesosDNSConfigStep) Apply(ctx context.Context, r provision.Runner) error {
	f, err := s.file(ctx, r)
	if err != nil {
		return err
	}
	return f.Apply(ctx, r)
}
