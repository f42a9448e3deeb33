package recipes

import (
	"fmt"
	"path/filepath"
	"sort"
	"testing"

	"github.com/mesoslab/mesoslab/internal/golden"
)

// The -update flag rewrites golden files. Every golden test of the package
// reads it through goldenUpdate; it is defined here only if no other test
// file of the package has defined it already (package variables initialize
// before init functions run).
// fixtureDefaultLab is the default lab: 3 masters at .11-.13 and 3 agents at
// .21-.23 of 192.168.56.0/24, with Debian's ZooKeeper.
func fixtureDefaultLab() Cluster { return fixtureLab("default", 3, 3) }

// fixtureOneOneLab is the smallest lab: one master, one agent.
func fixtureOneOneLab() Cluster { return fixtureLab("one-one", 1, 1) }

func fixtureLab(name string, masters, agents int) Cluster {
	c := Cluster{
		Name: name, Provider: "virtualbox", Quorum: masters/2 + 1,
		Components: Components{ZooKeeper: true, Mesos: true, Marathon: true, Chronos: true, MesosDNS: true},
		Sources:    Sources{ZooKeeperPackage: "zookeeperd"},
		Heaps:      testHeaps,
	}
	var hosts []string
	for i := 1; i <= masters; i++ {
		ip := fmt.Sprintf("192.168.56.%d", 10+i)
		c.Nodes = append(c.Nodes, Node{Name: fmt.Sprintf("master%d", i), Role: RoleMaster, IP: ip, ZooKeeperID: i})
		hosts = append(hosts, ip+":2181")
	}
	for i := 1; i <= agents; i++ {
		c.Nodes = append(c.Nodes, Node{Name: fmt.Sprintf("agent%d", i), Role: RoleAgent, IP: fmt.Sprintf("192.168.56.%d", 20+i)})
	}
	for i, h := range hosts {
		if i > 0 {
			c.ZooKeeperHosts += ","
		}
		c.ZooKeeperHosts += h
	}
	return c
}

// TestGoldenFiles pins every file the base and ZooKeeper recipes write, on
// every node of the default lab and of a 1+1 lab, under
// testdata/golden/LAB/NODE/PATH (PATH being the file's path on the node).
func TestGoldenFiles(t *testing.T) {
	for _, c := range []Cluster{fixtureDefaultLab(), fixtureOneOneLab()} {
		for _, n := range c.Nodes {
			files := BaseFiles(c, n)
			for p, content := range ZooKeeperFiles(c, n) {
				files[p] = content
			}
			paths := make([]string, 0, len(files))
			for p := range files {
				paths = append(paths, p)
			}
			sort.Strings(paths)
			for _, p := range paths {
				t.Run(c.Name+"/"+n.Name+p, func(t *testing.T) {
					golden.Check(t, filepath.Join("testdata", "golden", c.Name, n.Name, filepath.FromSlash(p)), files[p])
				})
			}
		}
	}
}
