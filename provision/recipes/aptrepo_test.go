package recipes

import (
	"slices"

	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// AVENTER's repository cannot be reached from the build machine, so the
// repository steps run against fakeNode here; aptrepo_shell_test.go runs
// the key step with the real curl and gpg.

func TestSignedRepoFreshThenConverged(t *testing.T) {
	c := testCluster("default", 1, 1)
	f := newFakeNode(t, c.node("master1"))
	repo := func(c Cluster, _ Node) []provision.Step { return provision.SignedRepo(mesosRepoSpec(c)) }
	provisionTwice(t, f, c, repo, []string{
		"apt-get install ca-certificates curl gpg",
		"write /etc/apt/keyrings/mesoslab-mesos.asc",
		"write /var/lib/mesoslab/apt-key-mesos.url",
		"write /etc/apt/sources.list.d/mesoslab-mesos.list",
		"apt-get update /etc/apt/sources.list.d/mesoslab-mesos.list",
	})
	want := "# Written by mesoslab from sources.mesos.repo and sources.mesos.key_url.\n" +
		"deb [signed-by=/etc/apt/keyrings/mesoslab-mesos.asc] http://apt.mesoslab.test/Debian/ bookworm main\n"
	if got := f.files["/etc/apt/sources.list.d/mesoslab-mesos.list"].content; got != want {
		t.Errorf("source list:\n%s\nwant:\n%s", got, want)
	}
}

// TestSignedRepoFailures provisions a fresh master against sources that
// fail, and wants each failure to name the spec key and its fix, and to
// stop before Mesos is installed.
func TestSignedRepoFailures(t *testing.T) {
	tests := []struct {
		name  string
		setup func(f *fakeNode)
		key   string
		parts []string
	}{
		{"key expired", func(f *fakeNode) {
			f.urls[testKeyURL] = fakeURL{body: readKey(t, "aptrepo-key-expired.asc")}
		}, "sources.mesos.key_url", []string{
			"sources.mesos.key_url = " + testKeyURL, "the key A822CB1C4330E723 expired on 2022-09-28",
			"fix: the repository's owner extends or replaces its key every few years: set sources.mesos.key_url in mesoslab.yaml",
		}},
		{"signing subkey expired", func(f *fakeNode) {
			f.urls[testKeyURL] = fakeURL{body: readKey(t, "aptrepo-key-subkey-expired.asc")}
		}, "sources.mesos.key_url", []string{"its signing key 0C46771BD570BAB2 expired on 2022-09-28"}},
		{"key URL does not resolve", func(f *fakeNode) {
			f.urls[testKeyURL] = fakeURL{exit: 6}
		}, "sources.mesos.key_url", []string{
			"its host name does not resolve (curl exit 6)",
			"fix: check that the nodes reach it, or set sources.mesos.key_url in mesoslab.yaml to a reachable copy",
		}},
		{"key URL is a web page", func(f *fakeNode) {
			f.urls[testKeyURL] = fakeURL{body: "<html>moved</html>"}
		}, "sources.mesos.key_url", []string{"not an ASCII-armored OpenPGP public key"}},
		{"repository unreachable", func(f *fakeNode) {
			// apt warns and exits 0 when a source cannot be fetched.
			f.repoUpdate = fakeURL{body: "W: Failed to fetch http://apt.mesoslab.test/Debian/dists/bookworm/InRelease  Could not resolve 'apt.mesoslab.test'\n" +
				"W: Some index files failed to download. They have been ignored, or old ones used instead.\n"}
		}, "sources.mesos.repo", []string{
			"sources.mesos.repo = " + testRepo, "apt cannot fetch the repository: W: Failed to fetch",
			`set sources.mesos.repo in mesoslab.yaml to a reachable mirror as "URL SUITE COMPONENT"`,
		}},
		{"repository signed with an expired key", func(f *fakeNode) {
			f.repoUpdate = fakeURL{exit: 100, body: "W: GPG error: http://apt.mesoslab.test/Debian bookworm InRelease: The following signatures were invalid: EXPKEYSIG 63F8CEE149ACA59E\n" +
				"E: The repository 'http://apt.mesoslab.test/Debian bookworm InRelease' is not signed.\n"}
		}, "sources.mesos.key_url", []string{"signed with an expired key", "set sources.mesos.key_url to the repository's current key"}},
		{"repository signed by another key", func(f *fakeNode) {
			f.repoUpdate = fakeURL{exit: 100, body: "W: GPG error: http://apt.mesoslab.test/Debian bookworm InRelease: The following signatures couldn't be verified because the public key is not available: NO_PUBKEY 63F8CEE149ACA59E\n"}
		}, "sources.mesos.key_url", []string{"is not signed by this key", "set sources.mesos.key_url to the key that signs sources.mesos.repo"}},
		{"repository without the package", func(f *fakeNode) {
			f.repo = map[string]string{}
		}, "sources.mesos.package", []string{"aventer-mesos is not in the repository " + testRepo}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testCluster("default", 1, 1)
			f := newFakeNode(t, c.node("master1"))
			tt.setup(f)
			err := f.provision(MesosMaster(c, f.node))
			provisiontest.WantSourceError(t, err, tt.key, tt.parts...)
			if _, ok := f.pkgs["aventer-mesos"]; ok {
				t.Error("Mesos was installed from a failing source")
			}
		})
	}
}

// TestSignedRepoTakesAnExtendedKey is the key's life: it expires on the
// node, its owner extends it at the same URL, and the next run fetches it
// again and refreshes the lists, which apt would otherwise refuse.
func TestSignedRepoTakesAnExtendedKey(t *testing.T) {
	c := testCluster("default", 1, 1)
	f := newFakeNode(t, c.node("master1"))
	expired := readKey(t, "aptrepo-key-expired.asc")
	f.files["/etc/apt/keyrings/mesoslab-mesos.asc"] = fakeFile{content: expired, mode: "644", owner: "root:root"}
	f.files["/var/lib/mesoslab/apt-key-mesos.url"] = fakeFile{content: testKeyURL + "\n", mode: "644", owner: "root:root"}
	if err := f.provision(provision.SignedRepo(mesosRepoSpec(c))); err != nil {
		t.Fatal(err)
	}
	if f.files["/etc/apt/keyrings/mesoslab-mesos.asc"].content == expired {
		t.Error("the expired key is still installed")
	}

	// Later the user points the lab at a mirror: new key, new lists.
	f.takeChanges()
	c.Sources.MesosKeyURL = "https://mirror.mesoslab.test/key.asc"
	c.Sources.MesosRepo = "http://mirror.mesoslab.test/aventer/ bookworm main"
	f.urls[c.Sources.MesosKeyURL] = fakeURL{body: readKey(t, "aptrepo-key-valid.asc")}
	if err := f.provision(provision.SignedRepo(mesosRepoSpec(c))); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"write /etc/apt/keyrings/mesoslab-mesos.asc",
		"write /var/lib/mesoslab/apt-key-mesos.url",
		"write /etc/apt/sources.list.d/mesoslab-mesos.list",
		// The package is known from the old lists; the lists are
		// refreshed because the source changed.
		"apt-get update /etc/apt/sources.list.d/mesoslab-mesos.list",
	}
	if got := f.takeChanges(); !slices.Equal(got, want) {
		t.Errorf("changes for a new mirror: %q, want %q", got, want)
	}
}
