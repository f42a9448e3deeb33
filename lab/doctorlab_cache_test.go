package lab

import (
	"slices"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab/cache"
	"github.com/mesoslab/mesoslab/lab/config"
)

// TestDoctorLabCacheWants: the doctor looks in the home's lab cache for
// what the recipes of the switched-on components download, with the
// versions the sources pin.
func TestDoctorLabCacheWants(t *testing.T) {
	full := config.Components{ZooKeeper: true, Mesos: true, Marathon: true, Chronos: true, MesosDNS: true}
	src := config.DefaultSources()
	release := strings.ReplaceAll(config.MesosDNSReleaseURL, "{version}", config.MesosDNSReleaseVersion)
	tests := []struct {
		name                         string
		edit                         func(*config.Spec)
		packages, images, bins, keys []string
	}{
		{"full stack", func(s *config.Spec) { s.Components = full },
			[]string{"zookeeperd=", "aventer-mesos=", "docker.io=", "mesos-dns="},
			[]string{src.Marathon.Image, src.Chronos.Image, src.Demo.Image}, nil, []string{src.Mesos.KeyURL}},
		{"pinned versions and the Mesos-DNS release", func(s *config.Spec) {
			s.Components = full
			s.Sources.Mesos.Version, s.Sources.Docker.Version = "1.11.0-0.7.1", "20.10.24+dfsg1-1+b3"
			s.Sources.MesosDNS = config.MesosDNSSource{URL: config.MesosDNSReleaseURL, Version: config.MesosDNSReleaseVersion}
		}, []string{"zookeeperd=", "aventer-mesos=1.11.0-0.7.1", "docker.io=20.10.24+dfsg1-1+b3"},
			[]string{src.Marathon.Image, src.Chronos.Image, src.Demo.Image}, []string{release}, []string{src.Mesos.KeyURL}},
		{"ZooKeeper only", func(s *config.Spec) { s.Components = config.Components{ZooKeeper: true} },
			[]string{"zookeeperd="}, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			p := mustPlan(t, tt.edit)
			l := doctorLab(p, DirFor(home, p.Spec.Name))
			if l.CacheDir != cache.Dir(home) {
				t.Errorf("CacheDir = %q, want the home's %q", l.CacheDir, cache.Dir(home))
			}
			for _, f := range []struct {
				field     string
				got, want []string
			}{{"CachePackages", l.CachePackages, tt.packages}, {"CacheImages", l.CacheImages, tt.images},
				{"CacheBinaries", l.CacheBinaries, tt.bins}, {"CacheKeys", l.CacheKeys, tt.keys}} {
				if !slices.Equal(f.got, f.want) {
					t.Errorf("%s = %q, want %q", f.field, f.got, f.want)
				}
			}
		})
	}
}
