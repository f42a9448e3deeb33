package doctor

import (
	"context"
	"encoding/json"
	"net/netip"
	"os"
	"slices"
	"testing"
	"time"
)

// labForThisMachine is the default HA lab (3 masters, 3 agents) as the lab
// package describes it.
func labForThisMachine(t *testing.T, provider string) Lab {
	return Lab{Name: "mesoslab", Provider: provider, Dir: t.TempDir(), Box: "bento/debian-12",
		DockerImage: "mesoslab/node:test", Masters: 3, Agents: 3, MemoryMB: 2560, CPUs: 1,
		Subnet: netip.MustParsePrefix("192.168.56.0/24"), SSHPorts: []int{2222, 2200, 2201, 2202, 2203, 2204},
		LinkedClones: true}
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
				if slices.Contains(c.Providers, provider) {
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
