package recipes

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// TestResolvConfInARealShell runs the resolver's resolv.conf step in the
// local shell over files in the test's directory. systemd-resolved does not
// serve that file (the run path does not exist), so the step manages it.
func TestResolvConfInARealShell(t *testing.T) {
	c := testCluster("default", 3, 3)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, asLink := range []bool{false, true} {
		dir := t.TempDir()
		etc := filepath.Join(dir, "resolv.conf")
		orig := "# from DHCP\nsearch lab.test\nnameserver 10.0.2.3\n"
		if asLink {
			// A resolv.conf that another tool links elsewhere is
			// replaced by a file, and the target left alone.
			target := filepath.Join(dir, "managed-resolv.conf")
			if err := os.WriteFile(target, []byte(orig), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, etc); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(etc, []byte(orig), 0o644); err != nil {
			t.Fatal(err)
		}
		step := &resolvConfStep{
			servers: mesosDNSServers(c, c.node("agent1")), masters: masterIPs(c),
			paths: resolvPaths{etc: etc, run: filepath.Join(dir, "run", "resolv.conf")},
		}
		if o, err := provision.Converge(ctx, provisiontest.Local{}, step, false); o != provision.Changed || err != nil {
			t.Fatalf("link=%v: fresh: %s, %v", asLink, o, err)
		}
		want := renderResolvConf(orig, step.servers, []string{"10.0.2.3"})
		if got := mustRead(t, etc); got != want {
			t.Errorf("link=%v: resolv.conf:\n%s\nwant:\n%s", asLink, got, want)
		}
		if fi, err := os.Lstat(etc); err != nil || !fi.Mode().IsRegular() {
			t.Errorf("link=%v: resolv.conf is not a regular file: %v, %v", asLink, fi.Mode(), err)
		}
		if o, err := provision.Converge(ctx, provisiontest.Local{}, step, false); o != provision.Unchanged || err != nil {
			t.Errorf("link=%v: again: %s, %v", asLink, o, err)
		}
		if asLink && mustRead(t, filepath.Join(dir, "managed-resolv.conf")) != orig {
			t.Error("the link's target was changed")
		}
	}
}
