package lab

import (
	"net/netip"
	"path/filepath"
	"strings"

	"github.com/mesoslab/mesoslab/lab/cache"
	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/doctor"
	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/provision/recipes"
)

// The lab as the leaf packages see it. They know nothing of lab/config:
// each takes its own small type (health.Target, doctor.Lab,
// recipes.Cluster, and vagrant.Data in vagrantfile.go), and these adapters
// are the only places that fill them. The methods on Lab (lab.go) are how
// a command asks for a view.

// healthTarget is the lab as the probes see it: every node at its planned
// address, the switched-on components, the recipes' standard ports. It
// needs no Vagrant, so verify and status work against any lab whose
// addresses the spec gives, a loopback lab included.
func healthTarget(p *config.Plan) health.Target {
	c := p.Spec.Components
	t := health.Target{
		Components: health.Components{ZooKeeper: c.ZooKeeper, Mesos: c.Mesos, Marathon: c.Marathon, Chronos: c.Chronos, MesosDNS: c.MesosDNS},
		Ports:      stack.DefaultPorts(),
	}
	for _, n := range p.Nodes {
		hn := health.Node{Name: n.Name, Addr: n.IP.String()}
		if n.Role == config.RoleMaster {
			t.Masters = append(t.Masters, hn)
		} else {
			t.Agents = append(t.Agents, hn)
		}
	}
	return t
}

// doctorLab maps the plan onto what the host checks need.
func doctorLab(p *config.Plan, d Dir) doctor.Lab {
	l := doctor.Lab{
		Name:         p.Spec.Name,
		Provider:     p.Spec.Provider,
		Dir:          d.Root,
		Box:          p.Spec.Box,
		BoxVersion:   p.Spec.BoxVersion,
		LinkedClones: p.Spec.Provider == "virtualbox",
		DockerImage:  p.Spec.DockerImage,
		Masters:      p.Spec.Masters,
		Agents:       p.Spec.Agents,
		MemoryMB:     p.MemoryBudgetMB() / len(p.Nodes),
		CPUs:         p.CPUBudget() / len(p.Nodes),
	}
	if p.Spec.Provider == "docker" {
		l.MasterMemoryMB, l.AgentMemoryMB = p.ContainerSizes()
	}
	if p.Spec.Components.Mesos {
		l.MesosKeyURL = p.Spec.Sources.Mesos.KeyURL
	}
	for _, role := range []string{config.RoleMaster, config.RoleAgent} {
		if mb, _ := config.MinMemoryMB(role, p.Spec.Components); mb > l.MemoryFloorMB {
			l.MemoryFloorMB = mb
		}
	}
	l.Subnet, _ = netip.ParsePrefix(p.Spec.Subnet)
	l.Subnet = l.Subnet.Masked()
	for _, n := range p.Nodes {
		l.SSHPorts = append(l.SSHPorts, n.SSHPort)
	}
	// The lab cache is its home's (Dir is DirFor(home, name)), and holds
	// what the recipes download for the components switched on.
	l.CacheDir = cache.Dir(filepath.Dir(filepath.Dir(d.Root)))
	c, src := p.Spec.Components, p.Spec.Sources
	pin := func(on bool, pkg, version string) {
		if on && pkg != "" {
			l.CachePackages = append(l.CachePackages, pkg+"="+version)
		}
	}
	pin(c.ZooKeeper, src.ZooKeeper.Package, src.ZooKeeper.Version)
	pin(c.Mesos, src.Mesos.Package, src.Mesos.Version)
	pin(c.Mesos && p.Spec.Agents > 0, src.Docker.Package, src.Docker.Version)
	pin(c.MesosDNS && src.MesosDNS.URL == "", src.MesosDNS.Package, src.MesosDNS.Version)
	for _, img := range []struct {
		on  bool
		ref string
	}{{c.Marathon, src.Marathon.Image}, {c.Chronos, src.Chronos.Image}, {c.Mesos && p.Spec.Agents > 0, src.Demo.Image}} {
		if img.on && img.ref != "" {
			l.CacheImages = append(l.CacheImages, img.ref)
		}
	}
	if c.MesosDNS && src.MesosDNS.URL != "" {
		l.CacheBinaries = append(l.CacheBinaries, strings.ReplaceAll(src.MesosDNS.URL, "{version}", src.MesosDNS.Version))
	}
	if (c.Mesos || (c.MesosDNS && src.MesosDNS.URL == "")) && src.Mesos.KeyURL != "" {
		l.CacheKeys = append(l.CacheKeys, src.Mesos.KeyURL)
	}
	return l
}

// Phase is one provisioning phase as the plan announces it: a barrier
// separates phases, and the nodes of a phase run concurrently.
type Phase struct {
	Name  string   `json:"name"`
	What  string   `json:"what"`
	Nodes []string `json:"nodes"`
}

// phases lists the provisioning phases the plan's components need, in the
// order they run. The recipes own the list, so what `plan` shows is what
// `provision` runs.
func phases(p *config.Plan) []Phase {
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
			DockerPackage: s.Sources.Docker.Package, DockerVersion: s.Sources.Docker.Version, DockerMirror: s.Sources.Docker.Mirror,
			MarathonImage: s.Sources.Marathon.Image, ChronosImage: s.Sources.Chronos.Image,
			DemoImage:       s.Sources.Demo.Image,
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
