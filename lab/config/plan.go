package config

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// Roles of a node.
const (
	RoleMaster = "master"
	RoleAgent  = "agent"
)

// Node is one machine of a planned lab, with every value resolved.
type Node struct {
	Name     string     `json:"name"`
	Role     string     `json:"role"`
	IP       netip.Addr `json:"ip"`
	SSHPort  int        `json:"ssh_port"`
	MemoryMB int        `json:"memory_mb"`
	CPUs     int        `json:"cpus"`
	// ZooKeeperID is the master's myid (1-based); 0 on agents.
	ZooKeeperID int `json:"zookeeper_id,omitempty"`
}

// Plan is a validated Spec with everything derived from it: the nodes, the
// quorum, the connect strings and the provisioning phases.
type Plan struct {
	Spec  Spec   `json:"spec"`
	Nodes []Node `json:"nodes"`
}

// NewPlan validates s and derives its plan. The error is a *ValidationError
// listing every problem.
func NewPlan(s Spec) (*Plan, error) {
	return NewPlanWith(s, ValidateOptions{})
}

// NewPlanWith is NewPlan with validation options (the host-only ranges the
// host's VirtualBox allows).
func NewPlanWith(s Spec, o ValidateOptions) (*Plan, error) {
	if err := ValidateWith(s, o); err != nil {
		return nil, err
	}
	nodes, _ := DeriveNodes(s)
	return &Plan{Spec: s, Nodes: nodes}, nil
}

// Masters returns the master nodes in order.
func (p *Plan) Masters() []Node { return p.byRole(RoleMaster) }

// Agents returns the agent nodes in order.
func (p *Plan) Agents() []Node { return p.byRole(RoleAgent) }

func (p *Plan) byRole(role string) []Node {
	var out []Node
	for _, n := range p.Nodes {
		if n.Role == role {
			out = append(out, n)
		}
	}
	return out
}

// Node returns the node called name.
func (p *Plan) Node(name string) (Node, bool) {
	for _, n := range p.Nodes {
		if n.Name == name {
			return n, true
		}
	}
	return Node{}, false
}

// NodeNames lists every node's name in order, for messages.
func (p *Plan) NodeNames() []string {
	names := make([]string, len(p.Nodes))
	for i, n := range p.Nodes {
		names[i] = n.Name
	}
	return names
}

// Quorum is the majority of the masters, floor(n/2)+1: the ZooKeeper
// ensemble and the Mesos replicated log both need that many alive.
func (p *Plan) Quorum() int { return Quorum(p.Spec.Masters) }

// Quorum returns floor(masters/2)+1.
func Quorum(masters int) int { return masters/2 + 1 }

// ZooKeeperHosts is the ensemble as "ip:2181,ip:2181", the form Chronos and
// ZooKeeper clients take.
func (p *Plan) ZooKeeperHosts() string {
	masters := p.Masters()
	hosts := make([]string, len(masters))
	for i, m := range masters {
		hosts[i] = netip.AddrPortFrom(m.IP, stack.ZooKeeperPort).String()
	}
	return strings.Join(hosts, ",")
}

// ZooKeeperURL is the Mesos connect string zk://ip:2181,.../mesos.
func (p *Plan) ZooKeeperURL() string { return p.ZooKeeperURLFor("mesos") }

// ZooKeeperURLFor is the connect string for another chroot (marathon, ...).
func (p *Plan) ZooKeeperURLFor(chroot string) string {
	return fmt.Sprintf("zk://%s/%s", p.ZooKeeperHosts(), chroot)
}

// HostsEntry is one line of the lab's /etc/hosts table.
type HostsEntry struct {
	IP    netip.Addr `json:"ip"`
	Names []string   `json:"names"`
}

// HostsTable lists every node by its private address, so that names resolve
// to the addresses the services bind to, never the NAT interface.
func (p *Plan) HostsTable() []HostsEntry {
	out := make([]HostsEntry, len(p.Nodes))
	for i, n := range p.Nodes {
		out[i] = HostsEntry{IP: n.IP, Names: []string{n.Name}}
	}
	return out
}

// MemoryBudgetMB is the sum of every node's memory.
func (p *Plan) MemoryBudgetMB() int {
	total := 0
	for _, n := range p.Nodes {
		total += n.MemoryMB
	}
	return total
}

// CPUBudget is the sum of every node's vCPUs.
func (p *Plan) CPUBudget() int {
	total := 0
	for _, n := range p.Nodes {
		total += n.CPUs
	}
	return total
}

// Loopback reports whether the lab's subnet is on loopback: a lab that
// only names services the user runs on this host, for verify and status.
func (p *Plan) Loopback() bool {
	prefix, err := netip.ParsePrefix(p.Spec.Subnet)
	return err == nil && prefix.Addr().IsLoopback()
}

// NetworkSubnet is the lab's subnet in canonical form (host bits cleared),
// as Vagrant's docker provider names its network.
func (p *Plan) NetworkSubnet() string {
	prefix, err := netip.ParsePrefix(p.Spec.Subnet)
	if err != nil {
		return p.Spec.Subnet
	}
	return prefix.Masked().String()
}
