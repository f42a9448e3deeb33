package doctor

import (
	"context"
	"slices"
	"testing"
	"time"
)

// BenchmarkRun shows that checks run side by side: every fact of the fake
// host answers after a delay, each check is first timed alone, and the full
// run is reported against the slowest of them (total/slowest near 1 means
// the run costs its slowest check; sum/slowest is what running them one by
// one would cost).
func BenchmarkRun(b *testing.B) {
	h := healthyLinux(b)
	h.delay = 5 * time.Millisecond
	lab := haLab()
	ctx := context.Background()
	var slowest, sum time.Duration
	for _, c := range Catalog() {
		if !slices.Contains(c.Providers, lab.Provider) {
			continue
		}
		start := time.Now()
		Run(ctx, h, lab, Options{Only: []string{c.ID}})
		d := time.Since(start)
		sum += d
		slowest = max(slowest, d)
	}
	b.ResetTimer()
	for range b.N {
		if rs := Run(ctx, h, lab, Options{}); Failed(rs, true) {
			b.Fatalf("healthy fake host failed: %+v", rs)
		}
	}
	perRun := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(perRun)/float64(slowest), "total/slowest")
	b.ReportMetric(float64(sum)/float64(slowest), "sum/slowest")
	b.ReportMetric(float64(slowest.Microseconds())/1000, "slowest-ms")
}
