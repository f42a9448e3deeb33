package doctor

import (
	"context"
	"encoding/json"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/shirou/gopsutil/v3/mem"
)

// labForThisMachine is the default HA lab (3 masters, 3 agents) as the lab
// package describes it.
func labForThisMachine(t testing.TB, provider string) Lab {
	return Lab{Name: "mesoslab", Provider: provider, Dir: t.TempDir(), Box: "bento/debian-12",
		DockerImage: "mesoslab/node:test", Masters: 3, Agents: 3, MemoryMB: 2560, CPUs: 1,
		Subnet: netip.MustParsePrefix("192.168.56.0/24"), SSHPorts: []int{2222, 2200, 2201, 2202, 2203, 2204},
		LinkedClones: true, CacheDir: filepath.Join(t.TempDir(), "cache")}
}

// TestSystemHostReport runs the real probes on this machine and checks that
// the report is well formed, whatever the machine has installed.
func TestSystemHostReport(t *testing.T) {
	for _, provider := range []string{ProviderVirtualBox, ProviderDocker} {
		t.Run(provider, func(t *testing.T) {
			lab := labForThisMachine(t, provider)
			start := time.Now()
			results := Run(context.Background(), NewSystemHost(), lab, Options{})
			wall := time.Since(start)
			var want []string
			for _, c := range Catalog() {
				// mesos-key runs only for a lab that names a key URL.
				if slices.Contains(c.Providers, provider) && c.ID != "mesos-key" {
					want = append(want, c.ID)
				}
			}
			var got []string
			for _, r := range results {
				got = append(got, r.ID)
				if r.Status != StatusOK && r.Status != StatusWarn && r.Status != StatusFail {
					t.Errorf("%s: status %q", r.ID, r.Status)
				}
				if r.Finding == "" {
					t.Errorf("%s: empty finding", r.ID)
				}
				if r.Status != StatusOK && r.Fix == "" {
					t.Errorf("%s: %s without a fix: %s", r.ID, r.Status, r.Finding)
				}
				if r.Duration <= 0 || r.DurationMS < 1 {
					t.Errorf("%s: duration not set (%v, %d ms)", r.ID, r.Duration, r.DurationMS)
				}
				t.Logf("%-14s %-4s %6d ms  %s", r.ID, r.Status, r.DurationMS, r.Finding)
			}
			if !slices.Equal(got, want) {
				t.Errorf("ids = %v, want %v", got, want)
			}
			b, err := json.Marshal(results)
			if err != nil {
				t.Fatal(err)
			}
			var back []map[string]any
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			for _, m := range back {
				if len(m) != 5 {
					t.Errorf("JSON object %v has %d keys, want id, status, finding, fix, duration_ms", m, len(m))
				}
			}
			t.Logf("wall time %v", wall)
			if os.Getenv("MESOSLAB_DOCTOR_JSON") != "" {
				t.Logf("%s", b)
			}
		})
	}
}

// TestSystemHostFindings checks what the real probes say where the answer
// is known from outside the package.
func TestSystemHostFindings(t *testing.T) {
	lab := labForThisMachine(t, ProviderVirtualBox)
	rs := Run(context.Background(), NewSystemHost(), lab, Options{Only: []string{"ram", "virtualbox"}})
	vm, err := mem.VirtualMemory()
	if err != nil {
		t.Fatal(err)
	}
	wantRAM := "6 VMs x 2560 MB = 15 GB + 2 GB for the host "
	if !strings.HasPrefix(rs[0].Finding, wantRAM) || !strings.Contains(rs[0].Finding, gb(mib(vm.Total))+" total") {
		t.Errorf("ram finding %q, want %q... %s total", rs[0].Finding, wantRAM, gb(mib(vm.Total)))
	}
	_, err1 := exec.LookPath("VBoxManage")
	_, err2 := exec.LookPath("vboxmanage")
	if err1 != nil && err2 != nil {
		expect(t, rs[1], StatusFail, []string{"VirtualBox is not installed"}, []string{"VirtualBox is not in Debian 12", "--provider docker"})
	}
}

// TestSystemHostDocker asks the real Docker engine.
func TestSystemHostDocker(t *testing.T) {
	testenv.NeedDocker(t)
	lab := labForThisMachine(t, ProviderDocker)
	lab.DockerImage = "mesoslab/doctor-test-absent:none"
	rs := Run(context.Background(), NewSystemHost(), lab, Options{Only: []string{"docker", "node-image"}})
	expect(t, rs[0], StatusOK, []string{"Docker engine ", " answers"}, nil)
	expect(t, rs[1], StatusFail, []string{"node image mesoslab/doctor-test-absent:none is not built yet"},
		[]string{"scripts/build-node-image.sh"})
}
