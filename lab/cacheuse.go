package lab

import (
	"fmt"
	"strings"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/provision"
)

// CacheProfile names, in the lab cache, the kind of lab a plan builds: what
// decides which package files and lists its nodes use (provider, box or node
// image, components, sources and pinned versions). Labs of one profile share
// one manifest, which `up --offline` reads before any machine exists.
func CacheProfile(p *config.Plan) string {
	s := p.Spec
	image := s.Box
	if s.BoxVersion != "" {
		image += "@" + s.BoxVersion
	}
	if s.Provider == "docker" {
		image = s.DockerImage
	}
	var comps []string
	for _, c := range []struct {
		on   bool
		name string
	}{{s.Components.ZooKeeper, "zookeeper"}, {s.Components.Mesos, "mesos"}, {s.Components.Marathon, "marathon"},
		{s.Components.Chronos, "chronos"}, {s.Components.MesosDNS, "mesos-dns"}} {
		if c.on {
			comps = append(comps, c.name)
		}
	}
	src := s.Sources
	pins := []string{
		"zookeeper=" + provision.AptName(src.ZooKeeper.Package, src.ZooKeeper.Version),
	}
	if s.Components.Mesos {
		pins = append(pins, "mesos="+provision.AptName(src.Mesos.Package, src.Mesos.Version), "repo="+src.Mesos.Repo,
			"docker="+provision.AptName(src.Docker.Package, src.Docker.Version))
	}
	if s.Components.MesosDNS {
		pins = append(pins, "mesos-dns="+provision.AptName(src.MesosDNS.Package, src.MesosDNS.Version))
	}
	return fmt.Sprintf("%s %s [%s] %s", s.Provider, image, strings.Join(comps, ","), strings.Join(pins, " "))
}

// cacheUse wires the lab cache into a provisioning run; with no cache and
// online it is the zero CacheUse, which leaves every step as it was.
func cacheUse(c provision.Cache, p *config.Plan, offline bool) (provision.CacheUse, error) {
	if c == nil {
		return provision.CacheUse{Offline: offline}, nil
	}
	m, err := provision.OpenManifest(c, CacheProfile(p))
	if err != nil {
		return provision.CacheUse{}, fmt.Errorf("lab cache: %w", err)
	}
	return provision.CacheUse{Cache: c, Manifest: m, Flight: provision.NewImageFlight(), Offline: offline}, nil
}
