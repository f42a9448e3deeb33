package recipes

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/provision"
)

// Resolver returns the steps that make one node resolve *.mesos through
// the lab's Mesos-DNS servers without breaking ordinary name resolution, as
// the reference lab did by pointing resolv.conf at Mesos-DNS only (and, with
// four nameservers, past glibc's limit of three). On a box where
// systemd-resolved serves /etc/resolv.conf, a drop-in routes the mesos
// domain to Mesos-DNS and every other name keeps its route. Otherwise
// /etc/resolv.conf lists up to two Mesos-DNS servers first and the node's
// original upstream after them, and dhclient is kept from rewriting it.
// Mesos-DNS itself forwards other names to that upstream (its resolvers),
// so a lookup answered by Mesos-DNS still resolves everything. The wait
// for leader.mesos comes last.
func Resolver(c Cluster, n Node) []provision.Step {
	servers := mesosDNSServers(c, n)
	dropIn := provision.File(provision.FileSpec{
		Path: "/etc/systemd/resolved.conf.d/mesoslab.conf",
		Content: []byte("# Written by mesoslab: systemd-resolved sends *.mesos to the lab's Mesos-DNS\n" +
			"# servers; every other name keeps its usual route.\n[Resolve]\nDNS=" + strings.Join(servers, " ") + "\nDomains=~mesos\n"),
		Mode: 0o644, Owner: "root:root",
	})
	hook := provision.File(provision.FileSpec{
		Path: "/etc/dhcp/dhclient-enter-hooks.d/mesoslab-resolv",
		Content: []byte("# Written by mesoslab: dhclient keeps /etc/resolv.conf, which lists the lab's\n" +
			"# Mesos-DNS servers first and the upstream resolver after them.\nmake_resolv_conf() { :; }\n"),
		Mode: 0o644, Owner: "root:root",
	})
	return []provision.Step{
		dropIn,
		provision.TryRestart("systemd-resolved", dropIn),
		hook,
		&resolvConfStep{servers: servers, masters: masterIPs(c), owner: "root:root", paths: defaultResolvPaths()},
		provision.Wait(provision.WaitSpec{Name: "leader.mesos resolving on the node", Probe: leaderResolvesProbe(askMaster(c, n)), Timeout: 3 * time.Minute}),
	}
}

// resolvConfStep writes /etc/resolv.conf on a node that systemd-resolved
// does not manage. It is written in place, not renamed over: in the
// container lab Docker bind-mounts the file, and a rename onto a mount
// point fails. Check compares the content; Apply also sets mode and owner.
// A symbolic link (to a file another tool manages) is replaced by a file.
type resolvConfStep struct {
	servers []string // this node's Mesos-DNS servers, in order
	masters []string // every master address: never taken for upstream
	owner   string   // "user:group" of the file; empty leaves it alone
	paths   resolvPaths
}

func (s *resolvConfStep) Name() string { return "resolv.conf: Mesos-DNS first, upstream after" }

// want reads the node's resolver facts and returns the wanted content, or
// "" when systemd-resolved is in charge.
func (s *resolvConfStep) want(ctx context.Context, r provision.Runner) (resolvFacts, string, error) {
	f, err := readResolv(ctx, r, s.paths)
	if err != nil || f.resolved {
		return f, "", err
	}
	up, err := f.upstream(s.masters)
	if err != nil {
		return f, "", err
	}
	return f, renderResolvConf(f.content, s.servers, up), nil
}

func (s *resolvConfStep) Check(ctx context.Context, r provision.Runner) (bool, error) {
	f, want, err := s.want(ctx, r)
	if err != nil {
		return false, err
	}
	return f.resolved || f.content == want, nil
}

func (s *resolvConfStep) Apply(ctx context.Context, r provision.Runner) error {
	_, want, err := s.want(ctx, r)
	if err != nil || want == "" {
		return err
	}
	p := provision.Quote(s.paths.etc)
	cmd := "set -e\n[ ! -L " + p + " ] || rm -f -- " + p + "\ncat > " + p + "\nchmod 0644 -- " + p
	if s.owner != "" {
		cmd += "\nchown " + provision.Quote(s.owner) + " -- " + p
	}
	_, err = r.Run(ctx, provision.Command{Cmd: cmd, Stdin: []byte(want), Sudo: true})
	return err
}

// resolvOptions shortens glibc's wait for a Mesos-DNS server that is down,
// which a failover lab makes common.
const resolvOptions = "options timeout:2 attempts:2"

// renderResolvConf keeps the search, domain, options and sortlist lines of
// orig and lists at most two Mesos-DNS servers, then upstream servers, up to
// glibc's three nameservers: at least one upstream always stays.
func renderResolvConf(orig string, servers, upstream []string) string {
	var b strings.Builder
	b.WriteString("# Written by mesoslab: the lab's Mesos-DNS servers answer *.mesos and forward\n" +
		"# other names; the network's resolver follows in case they are down.\n")
	var kept []string
	for _, line := range strings.Split(orig, "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && slices.Contains([]string{"search", "domain", "options", "sortlist"}, f[0]) &&
			line != resolvOptions && !slices.Contains(kept, line) {
			kept = append(kept, line)
		}
	}
	b.WriteString(resolvOptions + "\n")
	for _, line := range kept {
		b.WriteString(line + "\n")
	}
	ns := slices.Clone(servers[:min(2, len(servers))])
	for _, u := range upstream {
		if len(ns) == 3 {
			break
		}
		ns = append(ns, u)
	}
	for _, s := range ns {
		b.WriteString("nameserver " + s + "\n")
	}
	return b.String()
}

// leaderResolvesProbe passes when leader.mesos resolves on the node
// through its normal resolver (getent uses nsswitch, as every program
// does). When it does not, it says why that may be: the mesos-dns phase
// saw each Mesos-DNS answer HTTP, so it runs but has no record of the
// leader, and that is what a Mesos-DNS that cannot read the leader's state
// looks like. master is the node whose Mesos-DNS the hint sends the user
// to.
func leaderResolvesProbe(master Node) provision.Probe {
	return func(ctx context.Context, r provision.Runner) error {
		if _, err := r.Run(ctx, provision.Command{Cmd: "getent hosts leader.mesos"}); err != nil {
			return fmt.Errorf("leader.mesos does not resolve on the node yet. Mesos-DNS answers no leader when it cannot read "+
				"the leader's state: either it is older than 0.7 and polls /master/state.json, which Mesos removed in 1.8 "+
				"(see sources.mesos_dns), or the leader's /master/state does not answer it. Run `mesoslab verify`, then "+
				"`mesoslab ssh %s -- sudo journalctl -u mesos-dns` and look for \"Failed to fetch state\": %w", master.Name, err)
		}
		return nil
	}
}

// askMaster is the master whose Mesos-DNS a node's hints name: the node
// itself on a master, the first master on an agent.
func askMaster(c Cluster, n Node) Node {
	if masters := c.Masters(); n.Role != RoleMaster && len(masters) > 0 {
		return masters[0]
	}
	return n
}
