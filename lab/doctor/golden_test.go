package doctor

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/mesoslab/mesoslab/internal/golden"
	"github.com/mesoslab/mesoslab/lab/cache"
)

// TestGoldenReports pins the whole report, as `doctor --json` prints it,
// for a few hosts people bring to a workshop.
func TestGoldenReports(t *testing.T) {
	scenarios := map[string]func(*fakeHost, *Lab){
		"healthy-linux": func(*fakeHost, *Lab) {},
		"workshop-laptop-linux": func(h *fakeHost, l *Lab) {
			h.mem = Memory{Total: 12 * gib, Available: 9 * gib}
			h.cpus = 4
			setTool(t, h, "vagrant", "vagrant-version/", "2.3.4-debian.txt")
			setTool(t, h, "VBoxManage", "vboxmanage-version/", "ubuntu-7.1.4.txt")
			h.files["/proc/modules"] = td(t, "proc/modules-kvm-intel.txt")
			h.files["/proc/sys/kernel/osrelease"] = "6.12.9-amd64\n"
			h.files["/sys/module/kvm/parameters/enable_virt_at_load"] = "Y\n"
			h.busy = []int{2222}
			h.dirs = map[string][]string{testCacheDir: {"index.json"}}
			// A cache from an earlier workshop: all but the demo image.
			h.files[cache.IndexPath(testCacheDir)] = storeIndex(t, without(workshopItems, "busybox"))
			cl := cacheLab()
			l.CacheDir, l.CachePackages, l.CacheImages, l.CacheKeys = cl.CacheDir, cl.CachePackages, cl.CacheImages, cl.CacheKeys
		},
		"apple-silicon": func(h *fakeHost, l *Lab) {
			h.os, h.arch = "darwin", "arm64"
			h.mem = Memory{Total: 16 * gib, Available: 7 * gib}
			setTool(t, h, "VBoxManage", "", "")
			const app = "/Applications/VirtualBox.app/Contents/MacOS/VBoxManage"
			h.paths[app] = app
			h.cmds[app+" --version"] = fakeCmd{out: Output{Stdout: td(t, "vboxmanage-version/oracle-7.1.4.txt")}}
			h.cmds["sysctl -n kern.hv_support"] = fakeCmd{out: Output{Stdout: "1\n"}}
			setTool(t, h, "vagrant", "vagrant-version/", "2.4.2-version-command.txt")
			l.BoxArchitectures = []string{"amd64"}
			h.routes = parseNetstatRoutes(td(t, "routes/netstat-rn-darwin.txt"))
		},
		"container-lab": func(h *fakeHost, l *Lab) {
			l.Provider, l.DockerImage = ProviderDocker, "mesoslab/node:1"
			h.paths["docker"] = "/usr/bin/docker"
			h.cmds["/usr/bin/docker version --format {{.Server.Version}}"] = fakeCmd{out: Output{Stdout: "20.10.24+dfsg1\n"}}
			h.cmds["/usr/bin/docker image inspect --format {{.Id}} mesoslab/node:1"] = fakeCmd{
				out: Output{Stderr: "Error response from daemon: No such image: mesoslab/node:1\n", ExitCode: 1}, err: os.ErrInvalid}
		},
	}
	for name, setup := range scenarios {
		t.Run(name, func(t *testing.T) {
			h, lab := healthyLinux(t), haLab()
			setup(h, &lab)
			rs := Run(context.Background(), h, lab, Options{})
			for i := range rs {
				rs[i].DurationMS = 0 // wall time is not part of the pinned text
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false) // findings hold ">" and "<="
			enc.SetIndent("", "  ")
			if err := enc.Encode(rs); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			path := filepath.Join("testdata", "golden", name+".json")
			golden.Check(t, path, got)
		})
	}
}
