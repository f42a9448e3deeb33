package recipes

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/mesoslab/mesoslab/internal/golden"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// stackRecipes are the recipes of this file's golden test by phase name.
var stackRecipes = map[string]func(Cluster, Node) []provision.Step{
	"mesos-master": MesosMaster, "marathon": Marathon, "chronos": Chronos, "mesos-dns": MesosDNS, "agent": Agent, "resolver": Resolver,
}

// notGolden are files the recipes install but do not author: the fetched
// apt key and the downloaded Mesos-DNS binary.
var notGolden = []string{"/etc/apt/keyrings/mesoslab-mesos.asc", "/usr/local/bin/mesos-dns"}

// TestMesosGoldenFiles pins every file the Mesos, framework, Mesos-DNS and
// resolver recipes write, on every node of the default 3+3 lab, of a 1+1
// lab and of a 3+3 lab without Chronos and Mesos-DNS, under
// testdata/golden/LAB/NODE/PATH. Each node is a fresh labNode
// provisioned phase by phase, as the plan orders the recipes, so the files
// are what the steps sent, with the node facts (its upstream resolver) of a
// VirtualBox box.
func TestMesosGoldenFiles(t *testing.T) {
	partial := testCluster("no-chronos-dns", 3, 3)
	partial.Components.Chronos, partial.Components.MesosDNS = false, false
	for _, c := range []Cluster{testCluster("default", 3, 3), testCluster("one-one", 1, 1), partial} {
		var enabled []string
		for _, ph := range Phases(c) {
			enabled = append(enabled, ph.Name)
		}
		for _, n := range c.Nodes {
			f := newLabNode(t, n)
			before := map[string]provisiontest.File{}
			for p, file := range f.Files {
				before[p] = file
			}
			phases := []string{"agent", "resolver"}
			if n.Role == RoleMaster {
				phases = []string{"mesos-master", "marathon", "chronos", "mesos-dns", "resolver"}
			}
			var plan provision.Plan
			for _, name := range phases {
				if !slices.Contains(enabled, name) {
					continue // switched off, with what depends on it
				}
				steps := stackRecipes[name](c, n)
				plan = append(plan, provision.Phase{Name: name, Targets: []provision.Target{{Node: n.Name, Runner: f, Steps: steps}}})
			}
			if _, err := provision.Run(t.Context(), plan, provision.Options{}); err != nil {
				t.Fatalf("%s/%s: %v", c.Name, n.Name, err)
			}
			var paths []string
			for p, file := range f.Files {
				if old, ok := before[p]; (!ok || old != file) && !slices.Contains(notGolden, p) {
					paths = append(paths, p)
				}
			}
			slices.Sort(paths)
			for _, p := range paths {
				t.Run(c.Name+"/"+n.Name+p, func(t *testing.T) {
					golden.Check(t, filepath.Join("testdata", "golden", c.Name, n.Name, filepath.FromSlash(p)), []byte(f.Files[p].Content))
				})
			}
		}
	}
}
