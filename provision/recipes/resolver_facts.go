package recipes

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/mesoslab/mesoslab/provision"
)

// resolvPaths are the files the resolver facts come from; tests point them
// at a scratch directory.
type resolvPaths struct {
	etc string // the resolv.conf glibc reads
	run string // systemd-resolved's list of its real upstream servers
}

func defaultResolvPaths() resolvPaths {
	return resolvPaths{etc: "/etc/resolv.conf", run: "/run/systemd/resolve/resolv.conf"}
}

// resolvFacts is how a node resolves names, read when a step runs: the
// recipes are built before any node is reached, and the upstream server is
// the node's own (a VirtualBox NAT resolver, a Docker network's, a DHCP
// server's), known only there.
type resolvFacts struct {
	// resolved is true when systemd-resolved serves /etc/resolv.conf; then
	// content is its upstream list, else /etc/resolv.conf itself.
	resolved bool
	content  string
}

func readResolv(ctx context.Context, r provision.Runner, p resolvPaths) (resolvFacts, error) {
	cmd := "etc=" + provision.Quote(p.etc) + " run=" + provision.Quote(p.run) + " d=" + provision.Quote(path.Dir(p.run)) + `
if systemctl is-active --quiet systemd-resolved 2>/dev/null && [ -f "$run" ] && [[ "$(readlink -f -- "$etc")" == "$d"/* ]]; then
  echo mode=resolved; cat -- "$run"
else
  echo mode=file; cat -- "$etc" 2>/dev/null || true
fi`
	res, err := r.Run(ctx, provision.Command{Cmd: cmd})
	if err != nil {
		return resolvFacts{}, err
	}
	mode, content, _ := strings.Cut(string(res.Stdout), "\n")
	switch mode {
	case "mode=resolved", "mode=file":
		return resolvFacts{resolved: mode == "mode=resolved", content: content}, nil
	}
	return resolvFacts{}, fmt.Errorf("unexpected resolver facts %q", res.Stdout)
}

// nameservers lists the nameserver addresses of a resolv.conf, in order.
func nameservers(content string) []string {
	var out []string
	for _, line := range strings.Split(content, "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "nameserver" && !slices.Contains(out, f[1]) {
			out = append(out, f[1])
		}
	}
	return out
}

// upstream returns the node's upstream resolvers: its nameservers except
// the lab's Mesos-DNS servers, which the resolver recipe puts first. Reading
// them back this way keeps the recipes idempotent without a saved copy.
func (f resolvFacts) upstream(masters []string) ([]string, error) {
	var out []string
	for _, ns := range nameservers(f.content) {
		if !slices.Contains(masters, ns) {
			out = append(out, ns)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no upstream nameserver besides the lab's Mesos-DNS servers in the node's resolv.conf: " +
			"put the network's resolver back as a nameserver line and provision again")
	}
	return out, nil
}

// mesosDNSServers are the Mesos-DNS servers of node n, in the order it asks
// them: a master asks itself first; the agents spread over the masters.
func mesosDNSServers(c Cluster, n Node) []string {
	masters := c.Masters()
	start := 0
	group := c.Agents()
	if n.Role == RoleMaster {
		group = masters
	}
	for i, g := range group {
		if g.Name == n.Name {
			start = i
		}
	}
	out := make([]string, 0, len(masters))
	for i := range masters {
		out = append(out, masters[(start+i)%len(masters)].IP)
	}
	return out
}

func masterIPs(c Cluster) []string {
	var out []string
	for _, m := range c.Masters() {
		out = append(out, m.IP)
	}
	return out
}
