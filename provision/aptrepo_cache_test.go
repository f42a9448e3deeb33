package provision_test

import (
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

func TestSignedRepoKeyThroughTheCache(t *testing.T) {
	cache := provisiontest.NewMemCache()
	first := repoNode(t)
	if _, err := first.Provision(provision.UseCache(provision.SignedRepo(testRepoSpec), provision.CacheUse{Cache: cache})); err != nil {
		t.Fatal(err)
	}
	if got, _ := cache.Get(provision.CacheKey, testRepoSpec.KeyURL); got != testKey(t, "valid.asc") {
		t.Fatalf("cache holds key %q; want the downloaded one", got)
	}
	// The next node cannot reach the key's URL: the cached copy serves.
	next := repoNode(t)
	delete(next.URLs, testRepoSpec.KeyURL)
	if _, err := next.Provision(provision.UseCache(provision.SignedRepo(testRepoSpec), provision.CacheUse{Cache: cache})); err != nil {
		t.Fatal(err)
	}
	if n := next.Count(`^curl `); n != 0 {
		t.Errorf("%d curl runs with the key cached; want 0", n)
	}
	if got := next.Files["/etc/apt/keyrings/mesoslab-mesos.asc"].Content; got != testKey(t, "valid.asc") {
		t.Errorf("keyring on the node: %q", got)
	}

	t.Run("offline without the key", func(t *testing.T) {
		n := repoNode(t)
		for name, v := range n.Known {
			n.Packages[name] = v // curl and gpg are there; the key is not
		}
		_, err := n.Provision(provision.UseCache(provision.SignedRepo(testRepoSpec), provision.CacheUse{Cache: provisiontest.NewMemCache(), Offline: true}))
		if n.Count(`^curl `) != 0 {
			t.Errorf("offline run fetched the key")
		}
		provisiontest.WantSourceError(t, err, "sources.mesos.key_url", "offline, and the lab cache does not hold the key", "mesoslab cache import")
	})
}
