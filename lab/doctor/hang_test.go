package doctor

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// hangingTools are the programs the checks run on some host; each is
// replaced by a script that never answers.
var hangingTools = []string{"vagrant", "VBoxManage", "vboxmanage", "docker", "sysctl", "powershell", "netstat"}

// hangEverything puts a hanging fake of every external tool first and alone
// on PATH, and serves a signing key source that never answers on loopback.
// Each fake starts a child that holds its output open, as Vagrant's Ruby
// does, so only ending the whole process group frees the run. It returns a
// lab of provider that uses every hanging part.
func hangEverything(tb testing.TB, provider string) Lab {
	tb.Helper()
	if runtime.GOOS == "windows" {
		tb.Skip("the hanging fakes are shell scripts")
	}
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		tb.Skipf("no sleep on PATH to build hanging fakes with: %v", err)
	}
	dir := tb.TempDir()
	for _, name := range hangingTools {
		script := "#!/bin/sh\n" + sleep + " 60\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
			tb.Fatal(err)
		}
	}
	tb.Setenv("PATH", dir)
	src := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // accepts the connection, never answers
	}))
	tb.Cleanup(src.Close)
	lab := labForThisMachine(tb, provider)
	lab.MesosKeyURL = src.URL + "/support_aventer.asc"
	// A busy SSH port held by a machine of the lab's own makes the ports
	// check ask the provider (`docker port`, `VBoxManage showvminfo`).
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { l.Close() })
	lab.SSHPorts = []int{l.Addr().(*net.TCPAddr).Port}
	idFile := filepath.Join(lab.Dir, ".vagrant", "machines", "master1", provider, "id")
	if err := os.MkdirAll(filepath.Dir(idFile), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(idFile, []byte("0123456789ab\n"), 0o644); err != nil {
		tb.Fatal(err)
	}
	return lab
}

// TestRunWithEveryToolHanging runs the real host probes with every tool
// hanging and wants each finding to say what did not answer, and within
// how long, instead of "context deadline exceeded". Elapsed time is the
// benchmark's business (BenchmarkRunEveryToolHangs), not asserted here.
func TestRunWithEveryToolHanging(t *testing.T) {
	for _, tt := range []struct {
		provider string
		want     map[string]string // check id -> what did not answer
	}{
		{ProviderVirtualBox, map[string]string{"vagrant": "`vagrant --version`", "virtualbox": "`VBoxManage --version`",
			"mesos-key": "the signing key source http://127.0.0.1:", "ports": "the ports check"}},
		{ProviderDocker, map[string]string{"vagrant": "`vagrant --version`", "docker": "`docker version`",
			"node-image": "the Docker engine", "mesos-key": "the signing key source http://127.0.0.1:", "ports": "the ports check"}},
	} {
		t.Run(tt.provider, func(t *testing.T) {
			lab := hangEverything(t, tt.provider)
			rs := Run(context.Background(), NewSystemHost(), lab, Options{Timeout: 500 * time.Millisecond})
			seen := map[string]bool{}
			for _, r := range rs {
				t.Logf("%-14s %-4s %5d ms  %s", r.ID, r.Status, r.DurationMS, r.Finding)
				if strings.Contains(r.Finding, "deadline exceeded") {
					t.Errorf("%s: finding %q speaks of the context, not the tool", r.ID, r.Finding)
				}
				if what, ok := tt.want[r.ID]; ok {
					seen[r.ID] = true
					expect(t, r, StatusFail, []string{what, " did not answer within 0.5 s"}, []string{"--timeout"})
				}
			}
			for id := range tt.want {
				if !seen[id] {
					t.Errorf("check %s did not run", id)
				}
			}
		})
	}
}

// BenchmarkRunEveryToolHangs is the doctor's worst case: the real host
// probes with every tool and the key source hanging, under the default
// bound. elapsed/bound near 1 means the bound holds whatever hangs (the
// grace for cut-off checks and ending their process groups is the rest).
//
//	go test ./lab/doctor -run '^$' -bench RunEveryToolHangs
func BenchmarkRunEveryToolHangs(b *testing.B) {
	for _, provider := range []string{ProviderVirtualBox, ProviderDocker} {
		b.Run(provider, func(b *testing.B) {
			lab := hangEverything(b, provider)
			var worst time.Duration
			for range b.N {
				start := time.Now()
				rs := Run(context.Background(), NewSystemHost(), lab, Options{})
				worst = max(worst, time.Since(start))
				if !Failed(rs, false) {
					b.Fatalf("every tool hangs, yet nothing failed: %+v", rs)
				}
			}
			b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(DefaultTimeout), "elapsed/bound")
			b.ReportMetric(float64(worst)/float64(DefaultTimeout), "worst/bound")
			b.ReportMetric(worst.Seconds(), "worst-s")
		})
	}
}
