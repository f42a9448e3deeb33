// Package bench measures the bring-up of a real container lab against its
// natural limits, all in one run:
//
//   - T_mesoslab: `mesoslab up` from nothing to a verified ZooKeeper-only lab
//     of 3 masters and 2 agents;
//   - T_serial: the naive baseline, as the reference lab did it: machines
//     brought up one after another, then nodes provisioned one after another
//     with the same steps (`--parallel 1 --provision-parallel 1`);
//   - T_critical: the slowest node's own up and provisioning time inside the
//     mesoslab run, the floor that concurrency cannot beat;
//   - T_noop: a second `mesoslab up` on the healthy lab;
//   - T_warm: `destroy`, then `mesoslab up` again with the lab cache that
//     the T_mesoslab run filled ($MESOSLAB_HOME/cache): its nodes install
//     from the files the cache puts on them. The cold runs start with the
//     cache removed.
//
// Run it with bench/run.sh (or go test -run '^$' -bench . -benchtime 1x ./bench).
package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/config"
)

const labConfig = `provider: docker
masters: 3
agents: 2
subnet: 192.168.52.0/24
ssh_port_base: 2620
components:
  zookeeper: true
  mesos: false
  marathon: false
  chronos: false
  mesos_dns: false
`

// run is one finished mesoslab command: its wall time, its JSON events and
// its peak resident memory (VmHWM).
type run struct {
	wall   time.Duration
	events []lab.Event
	peakKB int
}

func BenchmarkBringUp(b *testing.B) {
	testenv.NeedRoot(b)
	testenv.NeedCommand(b, "vagrant")
	testenv.NeedImage(b, config.DefaultDockerImage)
	bin := filepath.Join(b.TempDir(), "mesoslab")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/mesoslab").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	home := b.TempDir()
	mesoslab := func(args ...string) run { return runMesoslab(b, bin, home, args...) }
	cfg := filepath.Join(home, "labs", "bench", "mesoslab.yaml")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte(labConfig), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { mesoslab("destroy", "--force") })

	// Both cold runs start with an empty lab cache.
	clearCache := func() {
		if err := os.RemoveAll(filepath.Join(home, "cache")); err != nil {
			b.Fatal(err)
		}
	}
	for i := 0; i < b.N; i++ {
		clearCache()
		serial := mesoslab("up", "--skip-doctor", "--parallel", "1", "--provision-parallel", "1")
		mesoslab("destroy", "--force")
		clearCache()
		fast := mesoslab("up", "--skip-doctor")
		noop := mesoslab("up", "--skip-doctor")
		status := mesoslab("status")
		verify := mesoslab("verify")
		mesoslab("destroy", "--force")
		warm := mesoslab("up", "--skip-doctor")
		critical := criticalPath(fast.events)

		b.ReportMetric(fast.wall.Seconds(), "T_mesoslab_s")
		b.ReportMetric(serial.wall.Seconds(), "T_serial_s")
		b.ReportMetric(critical.Seconds(), "T_critical_s")
		b.ReportMetric(noop.wall.Seconds(), "T_noop_s")
		b.ReportMetric(fast.wall.Seconds()/serial.wall.Seconds(), "mesoslab/serial")
		b.ReportMetric(fast.wall.Seconds()/critical.Seconds(), "mesoslab/critical")
		b.ReportMetric(noop.wall.Seconds()/fast.wall.Seconds(), "noop/mesoslab")
		b.ReportMetric(warm.wall.Seconds(), "T_warm_s")
		b.ReportMetric(warm.wall.Seconds()/fast.wall.Seconds(), "warm/cold")
		b.ReportMetric(float64(fast.peakKB)/1024, "peak_RSS_MB")
		b.ReportMetric(status.wall.Seconds(), "T_status_s")
		b.ReportMetric(verify.wall.Seconds(), "T_verify_s")
		fmt.Printf("T_mesoslab %s  T_warm %s (warm/cold %.2f)  T_serial %s  T_critical %s  T_noop %s  status %s  verify %s  peak RSS %d KB\n",
			fast.wall.Round(time.Second), warm.wall.Round(time.Second), warm.wall.Seconds()/fast.wall.Seconds(),
			serial.wall.Round(time.Second), critical.Round(time.Second),
			noop.wall.Round(100*time.Millisecond), status.wall.Round(10*time.Millisecond),
			verify.wall.Round(10*time.Millisecond), fast.peakKB)
	}
}

// criticalPath is the slowest node's own machine time plus its own
// provisioning work, read from the run's events.
func criticalPath(events []lab.Event) time.Duration {
	own := map[string]time.Duration{}
	for _, e := range events {
		if e.Status == lab.EventDone && (e.Stage == lab.StageMachines || e.Stage == lab.StageProvision) {
			own[e.Node] += e.Elapsed.Std()
		}
	}
	var worst time.Duration
	for _, d := range own {
		worst = max(worst, d)
	}
	return worst
}

// runMesoslab runs the binary with -o json where the command takes it,
// sampling the process's VmHWM until it exits.
func runMesoslab(b *testing.B, bin, home string, args ...string) run {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	if args[0] == "up" {
		args = append(args, "-o", "json")
	}
	cmd := exec.CommandContext(ctx, bin, append([]string{"--lab", "bench"}, args...)...)
	cmd.Env = append(os.Environ(), "MESOSLAB_HOME="+home, "NO_COLOR=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	var (
		r    run
		mu   sync.Mutex
		done = make(chan struct{})
	)
	go func() {
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if kb := vmHWM(cmd.Process.Pid); kb > 0 {
					mu.Lock()
					r.peakKB = max(r.peakKB, kb)
					mu.Unlock()
				}
			}
		}
	}()
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		var e lab.Event
		if json.Unmarshal(sc.Bytes(), &e) == nil {
			r.events = append(r.events, e)
		}
	}
	err = cmd.Wait()
	close(done)
	r.wall = time.Since(start)
	if err != nil && args[0] != "destroy" {
		b.Fatalf("mesoslab %v: %v\n%s", args, err, stderr.String())
	}
	mu.Lock()
	defer mu.Unlock()
	return r
}

// vmHWM reads the peak resident set size of a process, in KB.
func vmHWM(pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			return kb
		}
	}
	return 0
}
