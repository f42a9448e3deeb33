package provision_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// AVENTER's repository cannot be reached from the build machine, so the
// SignedRepo steps run against a simulated node here;
// TestAptKeyInARealShell runs the key step with the real curl and gpg.

// testList is the source list of testRepoSpec.
const testList = "/etc/apt/sources.list.d/mesoslab-mesos.list"

// repoNode is a fresh Debian 12 node that reaches the test key and a
// repository offering aventer-mesos; gpg reads the test keys.
func repoNode(t *testing.T) *provisiontest.Node {
	n := provisiontest.NewNode(t, "master1")
	n.Known = map[string]string{"ca-certificates": "20230311", "curl": "7.88.1-10+deb12u15", "gpg": "2.2.40-1.1+deb12u2"}
	n.Repos[testList] = &provisiontest.Repo{Offers: map[string]string{"aventer-mesos": "1.11.0-0.9.0.debian12"}}
	n.URLs[testRepoSpec.KeyURL] = provisiontest.URL{Body: testKey(t, "valid.asc")}
	for _, name := range []string{"valid", "expired", "subkey-expired"} {
		n.Keys[testKey(t, name+".asc")] = testKey(t, name+".colons")
	}
	return n
}

// testKey reads a test signing key or its gpg --with-colons listing, which
// TestKeyListingsAreGPGs proves against gpg.
func testKey(t *testing.T, name string) string {
	return mustRead(t, filepath.Join("testdata", "aptrepo-key-"+name))
}

func TestSignedRepoFreshThenConverged(t *testing.T) {
	n := repoNode(t)
	if _, err := n.Provision(provision.SignedRepo(testRepoSpec)); err != nil {
		t.Fatalf("fresh node: %v", err)
	}
	want := []string{
		"apt-get install ca-certificates curl gpg",
		"write /etc/apt/keyrings/mesoslab-mesos.asc",
		"write /var/lib/mesoslab/apt-key-mesos.url",
		"write " + testList,
		"apt-get update " + testList,
	}
	if got := n.TakeChanges(); !slices.Equal(got, want) {
		t.Errorf("changes on a fresh node: %q, want %q", got, want)
	}
	list := "# Written by mesoslab from sources.mesos.repo and sources.mesos.key_url.\n" +
		"deb [signed-by=/etc/apt/keyrings/mesoslab-mesos.asc] http://apt.mesoslab.test/Debian/ bookworm main\n"
	if got := n.Files[testList].Content; got != list {
		t.Errorf("source list:\n%s\nwant:\n%s", got, list)
	}
	before := len(n.ChangingCommands())
	if _, err := n.Provision(provision.SignedRepo(testRepoSpec)); err != nil {
		t.Fatalf("converged node: %v", err)
	}
	if got := n.TakeChanges(); len(got) != 0 {
		t.Errorf("changes on a converged node: %q", got)
	}
	if got := n.ChangingCommands()[before:]; len(got) != 0 {
		t.Errorf("changing commands sent to a converged node: %q", got)
	}
}

// TestSignedRepoTakesAnExtendedKey is the key's life: it expires on the
// node, its owner extends it at the same URL, and the next run fetches it
// again and refreshes the lists, which apt would otherwise refuse.
func TestSignedRepoTakesAnExtendedKey(t *testing.T) {
	n := repoNode(t)
	expired := testKey(t, "expired.asc")
	n.SetFile("/etc/apt/keyrings/mesoslab-mesos.asc", expired)
	n.SetFile("/var/lib/mesoslab/apt-key-mesos.url", testRepoSpec.KeyURL+"\n")
	if _, err := n.Provision(provision.SignedRepo(testRepoSpec)); err != nil {
		t.Fatal(err)
	}
	if n.Files["/etc/apt/keyrings/mesoslab-mesos.asc"].Content == expired {
		t.Error("the expired key is still installed")
	}

	// Later the user points the lab at a mirror: new key, new lists.
	n.TakeChanges()
	spec := testRepoSpec
	spec.KeyURL = "https://mirror.mesoslab.test/key.asc"
	spec.Repo = "http://mirror.mesoslab.test/aventer/ bookworm main"
	n.URLs[spec.KeyURL] = provisiontest.URL{Body: testKey(t, "valid.asc")}
	if _, err := n.Provision(provision.SignedRepo(spec)); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"write /etc/apt/keyrings/mesoslab-mesos.asc",
		"write /var/lib/mesoslab/apt-key-mesos.url",
		"write " + testList,
		// The package is known from the old lists; the lists are
		// refreshed because the source changed.
		"apt-get update " + testList,
	}
	if got := n.TakeChanges(); !slices.Equal(got, want) {
		t.Errorf("changes for a new mirror: %q, want %q", got, want)
	}
}
