package recipes

import (
	"testing"

	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// TestSignedRepoFailures provisions a fresh master against sources that
// fail, and wants each failure to name the spec key and its fix, and to
// stop before Mesos is installed.
func TestSignedRepoFailures(t *testing.T) {
	tests := []struct {
		name  string
		setup func(f *labNode)
		key   string
		parts []string
	}{
		{"key expired", func(f *labNode) {
			f.URLs[testKeyURL] = provisiontest.URL{Body: readKey(t, "aptrepo-key-expired.asc")}
		}, "sources.mesos.key_url", []string{
			"sources.mesos.key_url = " + testKeyURL, "the key A822CB1C4330E723 expired on 2022-09-28",
			"fix: the repository's owner extends or replaces its key every few years: set sources.mesos.key_url in mesoslab.yaml",
		}},
		{"signing subkey expired", func(f *labNode) {
			f.URLs[testKeyURL] = provisiontest.URL{Body: readKey(t, "aptrepo-key-subkey-expired.asc")}
		}, "sources.mesos.key_url", []string{"its signing key 0C46771BD570BAB2 expired on 2022-09-28"}},
		{"key URL does not resolve", func(f *labNode) {
			f.URLs[testKeyURL] = provisiontest.URL{Exit: 6}
		}, "sources.mesos.key_url", []string{
			"its host name does not resolve (curl exit 6)",
			"fix: check that the nodes reach it, or set sources.mesos.key_url in mesoslab.yaml to a reachable copy",
		}},
		{"key URL is a web page", func(f *labNode) {
			f.URLs[testKeyURL] = provisiontest.URL{Body: "<html>moved</html>"}
		}, "sources.mesos.key_url", []string{"not an ASCII-armored OpenPGP public key"}},
		{"repository unreachable", func(f *labNode) {
			// apt warns and exits 0 when a source cannot be fetched.
			f.Repos[mesosList].Stderr = "W: Failed to fetch http://apt.mesoslab.test/Debian/dists/bookworm/InRelease  Could not resolve 'apt.mesoslab.test'\n" +
				"W: Some index files failed to download. They have been ignored, or old ones used instead.\n"
		}, "sources.mesos.repo", []string{
			"sources.mesos.repo = " + testRepo, "apt cannot fetch the repository: W: Failed to fetch",
			`set sources.mesos.repo in mesoslab.yaml to a reachable mirror as "URL SUITE COMPONENT"`,
		}},
		{"repository signed with an expired key", func(f *labNode) {
			f.Repos[mesosList].Exit, f.Repos[mesosList].Stderr = 100, "W: GPG error: http://apt.mesoslab.test/Debian bookworm InRelease: The following signatures were invalid: EXPKEYSIG 63F8CEE149ACA59E\n"+
				"E: The repository 'http://apt.mesoslab.test/Debian bookworm InRelease' is not signed.\n"
		}, "sources.mesos.key_url", []string{"signed with an expired key", "set sources.mesos.key_url to the repository's current key"}},
		{"repository signed by another key", func(f *labNode) {
			f.Repos[mesosList].Exit, f.Repos[mesosList].Stderr = 100, "W: GPG error: http://apt.mesoslab.test/Debian bookworm InRelease: The following signatures couldn't be verified because the public key is not available: NO_PUBKEY 63F8CEE149ACA59E\n"
		}, "sources.mesos.key_url", []string{"is not signed by this key", "set sources.mesos.key_url to the key that signs sources.mesos.repo"}},
		{"repository without the package", func(f *labNode) {
			f.Repos[mesosList].Offers = map[string]string{}
		}, "sources.mesos.package", []string{"aventer-mesos is not in the repository " + testRepo}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testCluster("default", 1, 1)
			f := newLabNode(t, c.node("master1"))
			tt.setup(f)
			err := f.provision(MesosMaster(c, f.node))
			provisiontest.WantSourceError(t, err, tt.key, tt.parts...)
			if _, ok := f.Packages["aventer-mesos"]; ok {
				t.Error("Mesos was installed from a failing source")
			}
		})
	}
}
