package recipes

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/internal/golden"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

func TestDockerMirrorDaemonJSON(t *testing.T) {
	c := testCluster("default", 1, 1)
	c.Sources.DockerMirror = "http://192.168.56.1:5000"
	f := newLabNode(t, c.node("agent1"))
	provisionTwice(t, f, c, Docker, []string{"apt-get install docker.io", "write " + DockerDaemonJSON, "systemctl restart docker"})
	golden.Check(t, filepath.Join("testdata", "golden", "docker-mirror", "daemon.json"), []byte(f.Files[DockerDaemonJSON].Content))

	// A new mirror rewrites the file and restarts dockerd, which reads it
	// only at start.
	c.Sources.DockerMirror = "http://192.168.56.1:5001"
	if err := f.provision(Docker(c, f.node)); err != nil {
		t.Fatal(err)
	}
	if got := f.Restarts["docker"]; got != 2 {
		t.Errorf("docker restarted %d times; want once per mirror", got)
	}
	if !strings.Contains(f.Files[DockerDaemonJSON].Content, "5001") {
		t.Errorf("daemon.json: %s", f.Files[DockerDaemonJSON].Content)
	}
}

func TestDockerWithoutMirrorWritesNoDaemonJSON(t *testing.T) {
	c := testCluster("default", 1, 1)
	f := newLabNode(t, c.node("agent1"))
	if err := f.provision(Docker(c, f.node)); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.Files[DockerDaemonJSON]; ok {
		t.Errorf("daemon.json written without a mirror")
	}
}

// cachedBinaryHandlers answer the Mesos-DNS release's way through the cache:
// the upload of a cached copy and the read-back of a download.
func cachedBinaryHandlers(f *labNode) {
	f.Handle(`^mkdir -p -- "\$\(dirname -- (\S+)\)" && cat > (\S+)$`, func(c provision.Command, m []string) (string, string, int) {
		f.SetFile(unquote(m[2]), string(c.Stdin))
		f.Change("upload %s", unquote(m[2]))
		return "", "", 0
	})
	f.Handle(`^cat -- (\S+)$`, func(_ provision.Command, m []string) (string, string, int) {
		return f.Files[unquote(m[1])].Content, "", 0
	})
}

func TestMesosDNSReleaseThroughTheCache(t *testing.T) {
	const url = "https://releases.mesoslab.test/mesos-dns/v0.7.0-rc2/mesos-dns-v0.7.0-rc2-linux-amd64"
	cache := provisiontest.NewMemCache()
	c := releaseCluster(3, 3)
	c.Cache = provision.CacheUse{Cache: cache}
	first := newLabNode(t, c.node("master1"))
	cachedBinaryHandlers(first)
	if err := first.provision(MesosDNS(c, first.node)); err != nil {
		t.Fatal(err)
	}
	if got, _ := cache.Get(provision.CacheBinary, url); got != "mesos-dns 0.7.0-rc2 amd64" {
		t.Fatalf("cache holds %q; want the verified download", got)
	}
	next := newLabNode(t, c.node("master2"))
	cachedBinaryHandlers(next)
	delete(next.URLs, url)
	if err := next.provision(MesosDNS(c, next.node)); err != nil {
		t.Fatal(err)
	}
	if n := next.Count(`^curl -fsSL --retry 2 --connect-timeout 20`); n != 0 {
		t.Errorf("%d downloads with the release cached; want 0", n)
	}
	if got := next.Files[mesosDNSReleaseBin].Content; got != "mesos-dns 0.7.0-rc2 amd64" {
		t.Errorf("%s on the node: %q", mesosDNSReleaseBin, got)
	}

	t.Run("corrupt entry", func(t *testing.T) {
		cache.Corrupt(provision.CacheBinary, url)
		n := newLabNode(t, c.node("master3"))
		cachedBinaryHandlers(n)
		if err := n.provision(MesosDNS(c, n.node)); err != nil {
			t.Fatal(err)
		}
		if n.Count(`^curl -fsSL --retry 2 --connect-timeout 20`) != 1 {
			t.Errorf("a corrupt cached release was not fetched again")
		}
	})
}

func TestPlanWiresTheCache(t *testing.T) {
	c := testCluster("default", 3, 2)
	c.Components = Components{ZooKeeper: true}
	runners := map[string]provision.Runner{}
	for _, n := range c.Nodes {
		runners[n.Name] = provisiontest.New(n.Name)
	}
	names := func(p provision.Plan, phase, node string) []string {
		for _, ph := range p {
			for _, tg := range ph.Targets {
				if ph.Name == phase && tg.Node == node {
					var out []string
					for _, s := range tg.Steps {
						out = append(out, s.Name())
					}
					return out
				}
			}
		}
		return nil
	}
	plain := names(Plan(c, runners), "zookeeper", "master1")
	c.Cache = provision.CacheUse{Cache: provisiontest.NewMemCache()}
	cached := names(Plan(c, runners), "zookeeper", "master1")
	if len(cached) != len(plain)+2 {
		t.Fatalf("zookeeper phase with a cache:\n%s\nwithout:\n%s", strings.Join(cached, "\n"), strings.Join(plain, "\n"))
	}
	for i, s := range cached {
		if strings.HasPrefix(s, "packages ") && (i == 0 || !strings.HasPrefix(cached[i-1], "cached packages for ")) {
			t.Errorf("step %q is not seeded from the cache first", s)
		}
	}
	if last := cached[len(cached)-1]; last != "keep downloaded packages in the lab cache" {
		t.Errorf("the phase ends with %q; want the harvest", last)
	}
	base := names(Plan(c, runners), "base", "agent1")
	if base[len(base)-1] != "keep downloaded packages in the lab cache" || !containsStep(base, "cached apt lists") {
		t.Errorf("base phase with a cache: %q", base)
	}
	c.Cache.Offline = true
	if containsStep(names(Plan(c, runners), "base", "agent1"), "apt package lists") {
		t.Errorf("offline, the base phase still refreshes the apt lists")
	}
}

func containsStep(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}
