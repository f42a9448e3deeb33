package provision_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// TestKeyListingsAreGPGs proves the canned listings the simulated node answers
// with: they are what gpg prints for the test keys.
func TestKeyListingsAreGPGs(t *testing.T) {
	testenv.NeedCommand(t, "gpg")
	for _, name := range []string{"valid", "expired", "subkey-expired"} {
		home := t.TempDir()
		out, err := exec.Command("gpg", "--homedir", home, "--batch", "--quiet", "--show-keys", "--with-colons",
			filepath.Join("testdata", "aptrepo-key-"+name+".asc")).Output()
		if err != nil {
			t.Fatalf("%s: gpg: %v", name, err)
		}
		if want := mustRead(t, filepath.Join("testdata", "aptrepo-key-"+name+".colons")); string(out) != want {
			t.Errorf("%s: gpg lists\n%s\nthe simulated node answers\n%s", name, out, want)
		}
	}
}

// testRepoSpec is the lab's Mesos repository as its spec keys name it.
var testRepoSpec = provision.SignedRepoSpec{
	Name: "mesos", Repo: "http://apt.mesoslab.test/Debian/ bookworm main", KeyURL: "https://keys.mesoslab.test/repo.asc",
	Package: "aventer-mesos", RepoKey: "sources.mesos.repo", KeyURLKey: "sources.mesos.key_url",
	PackageKey: "sources.mesos.package", VersionKey: "sources.mesos.version",
}

// realKey is the key step over the test's directory, fetching with the
// real curl from a file:// URL, so that nothing leaves the machine.
type realKey struct {
	provision.Step
	spec            provision.SignedRepoSpec
	keyring, marker string
}

func realKeyStep(t *testing.T, keyFile string) realKey {
	dir := t.TempDir()
	abs, err := filepath.Abs(filepath.Join("testdata", keyFile))
	if err != nil {
		t.Fatal(err)
	}
	k := realKey{spec: testRepoSpec, keyring: filepath.Join(dir, "keyrings", "mesoslab-mesos.asc"), marker: filepath.Join(dir, "mesos.url")}
	k.spec.KeyURL = "file://" + abs
	k.Step = provision.NewAptKeyStep(k.spec, k.keyring, k.marker)
	return k
}

func TestAptKeyInARealShell(t *testing.T) {
	testenv.NeedCommand(t, "gpg")
	testenv.NeedCommand(t, "curl")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	step := realKeyStep(t, "aptrepo-key-valid.asc")
	if out, err := provision.Converge(ctx, provisiontest.Local{}, step, false); out != provision.Changed || err != nil {
		t.Fatalf("fresh: %s, %v", out, err)
	}
	if got, want := mustRead(t, step.keyring), mustRead(t, filepath.Join("testdata", "aptrepo-key-valid.asc")); got != want {
		t.Errorf("keyring holds %q, want the fetched key", got)
	}
	if out, err := provision.Converge(ctx, provisiontest.Local{}, step, false); out != provision.Unchanged || err != nil {
		t.Errorf("again: %s, %v", out, err)
	}

	// A key from another URL is fetched again.
	step.spec.KeyURL += "?mirror"
	moved := provision.NewAptKeyStep(step.spec, step.keyring, step.marker)
	if ok, err := moved.Check(ctx, provisiontest.Local{}); ok || err != nil {
		t.Errorf("Check with a new key URL = %v, %v; want false", ok, err)
	}

	tests := []struct {
		file, key string
		parts     []string
	}{
		{"aptrepo-key-expired.asc", "sources.mesos.key_url", []string{"the key A822CB1C4330E723 expired on 2022-09-28", "fix: the repository's owner extends"}},
		{"aptrepo-key-subkey-expired.asc", "sources.mesos.key_url", []string{"its signing key 0C46771BD570BAB2 expired on 2022-09-28"}},
		{"aptrepo-key-absent.asc", "sources.mesos.key_url", []string{"the file cannot be read (curl exit 37)", "reachable copy"}},
		{"aptrepo-key-valid.colons", "sources.mesos.key_url", []string{"not an ASCII-armored OpenPGP public key"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			step := realKeyStep(t, tt.file)
			_, err := provision.Converge(ctx, provisiontest.Local{}, step, false)
			provisiontest.WantSourceError(t, err, tt.key, tt.parts...)
			if _, err := os.Stat(step.keyring); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a refused key was installed (stat: %v)", err)
			}
		})
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
