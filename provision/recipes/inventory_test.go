package recipes

import (
	"slices"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
)

func TestNodeInventory(t *testing.T) {
	full := testCluster("lab", 3, 2)
	zkOnly := testCluster("lab", 1, 1)
	zkOnly.Components = Components{ZooKeeper: true}
	tests := []struct {
		name        string
		c           Cluster
		node        string
		units       []string
		files, pkgs []string // among others
		notFiles    []string
	}{
		{"full master", full, "master1",
			[]string{"zookeeper", "mesos-master", "docker", "marathon", "chronos", "mesos-dns"},
			[]string{"/etc/hosts", zkConfig, zkMyID, zkUnit, "/etc/systemd/system/mesos-master.service.d/mesoslab.conf",
				"/etc/systemd/system/marathon.service", "/etc/mesos-dns/config.json", "/etc/systemd/system/mesos-dns.service", "/etc/resolv.conf"},
			[]string{"zookeeperd", "aventer-mesos", "docker.io"},
			[]string{"/etc/systemd/system/mesos-agent.service.d/mesoslab.conf"}},
		{"full agent", full, "agent2",
			[]string{"docker", "mesos-agent"},
			[]string{"/etc/hosts", "/etc/systemd/system/mesos-agent.service.d/mesoslab.conf", "/etc/resolv.conf"},
			[]string{"docker.io", "aventer-mesos"},
			[]string{zkConfig, "/etc/mesos-dns/config.json"}},
		{"zookeeper-only master", zkOnly, "master1",
			[]string{"zookeeper"}, []string{"/etc/hosts", "/etc/hostname", zkConfig, zkMyID, zkUnit}, []string{"zookeeperd"},
			[]string{"/etc/resolv.conf"}},
		{"zookeeper-only agent has no unit", zkOnly, "agent1", nil, []string{"/etc/hosts"}, nil, []string{zkConfig}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv, ok := NodeInventory(tt.c, tt.node)
			if !ok {
				t.Fatalf("%s not found", tt.node)
			}
			if !slices.Equal(inv.Units, tt.units) {
				t.Errorf("units = %v, want %v", inv.Units, tt.units)
			}
			for _, f := range tt.files {
				if !slices.Contains(inv.Files, f) {
					t.Errorf("files lack %s: %v", f, inv.Files)
				}
			}
			for _, f := range tt.notFiles {
				if slices.Contains(inv.Files, f) {
					t.Errorf("files list %s, which the node does not get: %v", f, inv.Files)
				}
			}
			for _, p := range tt.pkgs {
				if !slices.Contains(inv.Packages, p) {
					t.Errorf("packages lack %s: %v", p, inv.Packages)
				}
			}
		})
	}
	if _, ok := NodeInventory(full, "master9"); ok {
		t.Error("a node the lab does not have has an inventory")
	}
}

// Every step of the provisioning plan that names a file or a unit it keeps
// on is in the node's inventory: a new step type that writes a file and
// is no provision.Keeper fails here.
func TestInventoryCoversEveryPlannedFileAndService(t *testing.T) {
	c := testCluster("lab", 3, 2)
	runners := map[string]provision.Runner{}
	for _, n := range c.Nodes {
		runners[n.Name] = nil
	}
	for _, ph := range Plan(c, runners) {
		for _, tg := range ph.Targets {
			inv, _ := NodeInventory(c, tg.Node)
			for _, s := range tg.Steps {
				name := s.Name()
				if p, ok := strings.CutPrefix(name, "file "); ok {
					p, _, _ = strings.Cut(p, " ")
					if !slices.Contains(inv.Files, p) {
						t.Errorf("%s: step %q writes %s, missing from the inventory %v", tg.Node, name, p, inv.Files)
					}
				}
				if cfg, ok := strings.CutPrefix(name, "mesos-dns config "); ok && !slices.Contains(inv.Files, cfg) {
					t.Errorf("%s: %s missing from the inventory", tg.Node, cfg)
				}
			}
		}
	}
}
