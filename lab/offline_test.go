package lab

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
	"github.com/mesoslab/mesoslab/vagrant/vagranttest"
)

func TestUpOfflineRefusesBeforeBuilding(t *testing.T) {
	drv := vagranttest.New(nil)
	b, r, p := testLab(t, drv)
	b.Cache = provisiontest.NewMemCache()
	_, err := upLab(b, r, p).Up(context.Background(), UpOptions{SkipPreflight: true, Offline: true})
	var oe *OfflineError
	if !errors.As(err, &oe) {
		t.Fatalf("err = %v; want an *OfflineError", err)
	}
	// The default lab: every image, the key and the package files.
	for _, want := range []string{
		"the package files (.deb) and apt lists of this kind of lab",
		"key " + p.Spec.Sources.Mesos.KeyURL,
		"image " + p.Spec.Sources.Marathon.Image,
		"image " + p.Spec.Sources.Chronos.Image,
		"image " + p.Spec.Sources.Demo.Image,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not name %q:\n%v", want, err)
		}
	}
	if !strings.Contains(err.Error(), "mesoslab cache import FILE") || !strings.Contains(err.Error(), "run one `mesoslab up` online") {
		t.Errorf("error names no fix:\n%v", err)
	}
	if got := drv.Calls(); len(got) != 0 {
		t.Errorf("vagrant was called before the offline check failed: %v", got)
	}
	if _, err := os.Stat(r.Dir.Root); !os.IsNotExist(err) {
		t.Errorf("the lab's folder exists after a refused offline up: %v", err)
	}
}

func TestCacheMissingListsWhatAWarmCacheLacks(t *testing.T) {
	_, _, p := testLab(t, vagranttest.New(nil))
	p.Spec.Components.Marathon, p.Spec.Components.Chronos = false, false
	c := provisiontest.NewMemCache()
	m, err := provision.OpenManifest(c, CacheProfile(p))
	if err != nil {
		t.Fatal(err)
	}
	// An online run recorded two package files and the lists; one file
	// was since lost, the key never kept.
	if err := m.Record(
		provision.ManifestItem{Kind: provision.CacheDeb, Name: "zookeeper_3.8.0-11_all.deb"},
		provision.ManifestItem{Kind: provision.CacheDeb, Name: "aventer-mesos_1.11.0-0.9.0.debian12_amd64.deb"},
		provision.ManifestItem{Kind: provision.CacheAptLists, Name: "debian-bookworm-amd64-0123456789abcdef"},
	); err != nil {
		t.Fatal(err)
	}
	c.Put(provision.CacheDeb, "zookeeper_3.8.0-11_all.deb", "zk")
	c.Put(provision.CacheAptLists, "debian-bookworm-amd64-0123456789abcdef", "lists")
	missing, err := CacheMissing(c, p)
	if err != nil {
		t.Fatal(err)
	}
	// The agents' demo image counts too: verify --workload runs it.
	want := []string{"deb aventer-mesos_1.11.0-0.9.0.debian12_amd64.deb", "key " + p.Spec.Sources.Mesos.KeyURL, "image " + p.Spec.Sources.Demo.Image}
	if strings.Join(missing, "\n") != strings.Join(want, "\n") {
		t.Errorf("missing:\n%s\nwant:\n%s", strings.Join(missing, "\n"), strings.Join(want, "\n"))
	}
	c.Put(provision.CacheDeb, "aventer-mesos_1.11.0-0.9.0.debian12_amd64.deb", "mesos")
	c.Put(provision.CacheKey, p.Spec.Sources.Mesos.KeyURL, "key")
	c.Put(provision.CacheImage, p.Spec.Sources.Demo.Image, "image")
	if missing, err := CacheMissing(c, p); err != nil || len(missing) != 0 {
		t.Errorf("a complete cache misses %v, %v", missing, err)
	}
}

func TestCacheProfileFollowsPinnedVersions(t *testing.T) {
	_, _, p := testLab(t, vagranttest.New(nil))
	before := CacheProfile(p)
	p.Spec.Sources.ZooKeeper.Version = "3.8.0-11"
	if CacheProfile(p) == before {
		t.Errorf("a pinned ZooKeeper version does not change the profile %q", before)
	}
}
