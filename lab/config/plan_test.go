package config

import (
	"net/netip"
	"strings"
	"testing"
)

func mustPlan(t *testing.T, mutate func(*Spec)) *Plan {
	t.Helper()
	s := Default()
	if mutate != nil {
		mutate(&s)
	}
	p, err := NewPlan(s)
	if err != nil {
		t.Fatalf("NewPlan: %v", err)
	}
	return p
}

func TestPlanDerivedValues(t *testing.T) {
	tests := []struct {
		name           string
		masters        int
		agents         int
		wantQuorum     int
		wantZK         string
		wantBudgetMB   int
		wantLastAgent  string
		wantLastAgntIP string
	}{
		{"one master", 1, 1, 1, "zk://192.168.56.11:2181/mesos", 2 * 2560, "agent1", "192.168.56.21"},
		{"reference lab", 3, 3, 2, "zk://192.168.56.11:2181,192.168.56.12:2181,192.168.56.13:2181/mesos", 15360, "agent3", "192.168.56.23"},
		{"five masters", 5, 4, 3, "zk://192.168.56.11:2181,192.168.56.12:2181,192.168.56.13:2181,192.168.56.14:2181,192.168.56.15:2181/mesos", 9 * 2560, "agent4", "192.168.56.24"},
		{"seven masters", 7, 1, 4, "", 8 * 2560, "agent1", "192.168.56.21"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPlan(t, func(s *Spec) { s.Masters, s.Agents = tt.masters, tt.agents })
			if got := p.Quorum(); got != tt.wantQuorum {
				t.Errorf("Quorum() = %d, want %d", got, tt.wantQuorum)
			}
			if tt.wantZK != "" && p.ZooKeeperURL() != tt.wantZK {
				t.Errorf("ZooKeeperURL() = %q, want %q", p.ZooKeeperURL(), tt.wantZK)
			}
			if got := p.MemoryBudgetMB(); got != tt.wantBudgetMB {
				t.Errorf("MemoryBudgetMB() = %d, want %d", got, tt.wantBudgetMB)
			}
			last := p.Nodes[len(p.Nodes)-1]
			if last.Name != tt.wantLastAgent || last.IP.String() != tt.wantLastAgntIP {
				t.Errorf("last node = %s %s, want %s %s", last.Name, last.IP, tt.wantLastAgent, tt.wantLastAgntIP)
			}
			for i, m := range p.Masters() {
				if m.ZooKeeperID != i+1 {
					t.Errorf("%s ZooKeeperID = %d, want %d", m.Name, m.ZooKeeperID, i+1)
				}
			}
			for _, a := range p.Agents() {
				if a.ZooKeeperID != 0 {
					t.Errorf("agent %s has ZooKeeperID %d", a.Name, a.ZooKeeperID)
				}
			}
		})
	}
}

func TestPlanHostsTableAndOverrides(t *testing.T) {
	p := mustPlan(t, func(s *Spec) {
		s.Nodes = []NodeOverride{{Name: "agent2", IP: "192.168.56.40", MemoryMB: 4096, CPUs: 4, SSHPort: 2400}}
	})
	var lines []string
	for _, e := range p.HostsTable() {
		lines = append(lines, e.IP.String()+" "+strings.Join(e.Names, " "))
	}
	want := "192.168.56.11 master1|192.168.56.12 master2|192.168.56.13 master3|192.168.56.21 agent1|192.168.56.40 agent2|192.168.56.23 agent3"
	if got := strings.Join(lines, "|"); got != want {
		t.Errorf("HostsTable:\n got %s\nwant %s", got, want)
	}
	a2, _ := p.Node("agent2")
	if a2.MemoryMB != 4096 || a2.CPUs != 4 || a2.SSHPort != 2400 {
		t.Errorf("agent2 override not applied: %+v", a2)
	}
	if got := p.MemoryBudgetMB(); got != 5*2560+4096 {
		t.Errorf("MemoryBudgetMB() = %d, want %d", got, 5*2560+4096)
	}
	if got := p.ZooKeeperHosts(); got != "192.168.56.11:2181,192.168.56.12:2181,192.168.56.13:2181" {
		t.Errorf("ZooKeeperHosts() = %q", got)
	}
}

func TestPlanSSHPortsAreDistinctAndFixed(t *testing.T) {
	p := mustPlan(t, nil)
	for i, n := range p.Nodes {
		if want := DefaultSSHPortBase + 1 + i; n.SSHPort != want {
			t.Errorf("%s SSHPort = %d, want %d", n.Name, n.SSHPort, want)
		}
	}
}

func TestHostAddr(t *testing.T) {
	base := netip.MustParseAddr("10.0.0.0")
	if got := hostAddr(base, 300); got.String() != "10.0.1.44" {
		t.Errorf("hostAddr carries into the next octet: got %s", got)
	}
}
