package recipes

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// TestMesosDNSBinaryInARealShell installs a stand-in for the Mesos-DNS
// release (a script that answers -version) with the real curl from a
// file:// URL whose {version} and {arch} are filled in from the real dpkg.
func TestMesosDNSBinaryInARealShell(t *testing.T) {
	testenv.NeedCommand(t, "curl")
	testenv.NeedCommand(t, "dpkg")
	out, err := exec.Command("dpkg", "--print-architecture").Output()
	if err != nil {
		t.Fatal(err)
	}
	arch := strings.TrimSpace(string(out))
	releases, node := t.TempDir(), t.TempDir()
	release := func(version, script string) {
		t.Helper()
		dir := filepath.Join(releases, "v"+version)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "mesos-dns-"+arch), []byte(script), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	release("0.6.0", "#!/bin/sh\necho v0.6.0\n")
	release("0.6.1", "#!/bin/sh\nexit 2\n") // a download that does not run
	step := func(version string) *mesosDNSBinary {
		return &mesosDNSBinary{
			version: version, url: "file://" + releases + "/v{version}/mesos-dns-{arch}",
			bin: filepath.Join(node, "bin", "mesos-dns"), marker: filepath.Join(node, "mesos-dns.url"),
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	if o, err := provision.Converge(ctx, provisiontest.Local{}, step("0.6.0"), false); o != provision.Changed || err != nil {
		t.Fatalf("fresh: %s, %v", o, err)
	}
	if got := mustRead(t, filepath.Join(node, "mesos-dns.url")); got != "file://"+releases+"/v0.6.0/mesos-dns-"+arch+"\n" {
		t.Errorf("marker holds %q", got)
	}
	if o, err := provision.Converge(ctx, provisiontest.Local{}, step("0.6.0"), false); o != provision.Unchanged || err != nil {
		t.Errorf("again: %s, %v", o, err)
	}

	_, err = provision.Converge(ctx, provisiontest.Local{}, step("0.6.1"), false)
	provisiontest.WantSourceError(t, err, "sources.mesos_dns.url", "the downloaded file does not run on this "+arch+" node")
	_, err = provision.Converge(ctx, provisiontest.Local{}, step("0.7.0"), false)
	provisiontest.WantSourceError(t, err, "sources.mesos_dns.url", "the file cannot be read (curl exit 37)")

	// The failures left the installed binary alone and no download behind.
	if v, err := exec.Command(filepath.Join(node, "bin", "mesos-dns"), "-version").Output(); err != nil || string(v) != "v0.6.0\n" {
		t.Errorf("installed binary says %q, %v", v, err)
	}
	if _, err := os.Stat(filepath.Join(node, "bin", "mesos-dns.download")); !os.IsNotExist(err) {
		t.Errorf("a failed download was left behind (stat: %v)", err)
	}
}
