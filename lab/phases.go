package lab

import (
	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/provision/recipes"
)

// Phase is one provisioning phase as the plan announces it: a barrier
// separates phases, and the nodes of a phase run concurrently.
type Phase struct {
	Name  string   `json:"name"`
	What  string   `json:"what"`
	Nodes []string `json:"nodes"`
}

// Phases lists the provisioning phases the plan's components need, in the
// order they run. The recipes own the list, so what `plan` shows is what
// `provision` runs.
func Phases(p *config.Plan) []Phase {
	var out []Phase
	for _, ph := range recipes.Phases(recipesCluster(p)) {
		out = append(out, Phase{Name: ph.Name, What: ph.What, Nodes: ph.Nodes})
	}
	return out
}

// recipesCluster maps the plan onto what the recipes read.
func recipesCluster(p *config.Plan) recipes.Cluster {
	s := p.Spec
	c := recipes.Cluster{
		Name:     s.Name,
		Provider: s.Provider,
		Components: recipes.Components{
			ZooKeeper: s.Components.ZooKeeper, Mesos: s.Components.Mesos, Marathon: s.Components.Marathon,
			Chronos: s.Components.Chronos, MesosDNS: s.Components.MesosDNS,
		},
		Quorum:         p.Quorum(),
		ZooKeeperHosts: p.ZooKeeperHosts(),
		Heaps:          recipesHeaps(),
		Sources: recipes.Sources{
			MesosRepo: s.Sources.Mesos.Repo, MesosKeyURL: s.Sources.Mesos.KeyURL,
			MesosPackage: s.Sources.Mesos.Package, MesosVersion: s.Sources.Mesos.Version,
			ZooKeeperPackage: s.Sources.ZooKeeper.Package, ZooKeeperVersion: s.Sources.ZooKeeper.Version,
			DockerPackage: s.Sources.Docker.Package, DockerVersion: s.Sources.Docker.Version,
			MarathonImage: s.Sources.Marathon.Image, ChronosImage: s.Sources.Chronos.Image,
			MesosDNSPackage: s.Sources.MesosDNS.Package, MesosDNSVersion: s.Sources.MesosDNS.Version, MesosDNSURL: s.Sources.MesosDNS.URL,
		},
	}
	for _, n := range p.Nodes {
		c.Nodes = append(c.Nodes, recipes.Node{Name: n.Name, Role: n.Role, IP: n.IP.String(), ZooKeeperID: n.ZooKeeperID})
	}
	return c
}

// recipesHeaps passes the heap caps the plan's memory budget charges on to
// the recipes, which write them into each JVM's options.
func recipesHeaps() recipes.JVMHeaps {
	h := config.JVMHeaps()
	return recipes.JVMHeaps{ZooKeeperMB: h.ZooKeeperMB, MarathonMB: h.MarathonMB, ChronosMB: h.ChronosMB}
}
