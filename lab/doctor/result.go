package doctor

import (
	"time"
)

// Status is the outcome of one check.
type Status string

// The three outcomes. A warning does not stop `up` unless --strict.
const (
	StatusOK   Status = "ok"
	StatusWarn Status = "warn"
	StatusFail Status = "fail"
)

// Result is one check's report, in the JSON shape the CLI prints:
// {"id", "status", "finding", "fix", "duration_ms"}.
type Result struct {
	// ID is the check's stable id, such as "ram" or "virtualbox".
	ID string `json:"id"`
	// Status is ok, warn or fail.
	Status Status `json:"status"`
	// Finding is one line saying what was found.
	Finding string `json:"finding"`
	// Fix says what to do; empty when Status is ok.
	Fix string `json:"fix"`
	// DurationMS is the check's wall time in milliseconds, rounded up so a
	// check that ran is never reported as taking 0 ms.
	DurationMS int64 `json:"duration_ms"`
	// Duration is the exact wall time; it is not part of the JSON.
	Duration time.Duration `json:"-"`
}

// finding is what a check function returns; Run adds the id and the time.
type finding struct {
	Status  Status
	Finding string
	Fix     string
}

func ok(format string) finding { return finding{Status: StatusOK, Finding: format} }

func newResult(id string, f finding, d time.Duration) Result {
	ms := d.Milliseconds()
	if d > time.Duration(ms)*time.Millisecond {
		ms++
	}
	return Result{ID: id, Status: f.Status, Finding: f.Finding, Fix: f.Fix, DurationMS: ms, Duration: d}
}

// Failed reports whether results should stop `up` and make `doctor` exit 1:
// any failure, or with strict any warning too.
func Failed(results []Result, strict bool) bool {
	for _, r := range results {
		if r.Status == StatusFail || (strict && r.Status == StatusWarn) {
			return true
		}
	}
	return false
}

// worst merges the findings of a check made of several parts: the most
// severe status wins, and its finding and fix are reported.
func worst(fs ...finding) finding {
	rank := map[Status]int{StatusOK: 0, StatusWarn: 1, StatusFail: 2}
	best := fs[0]
	for _, f := range fs[1:] {
		if rank[f.Status] > rank[best.Status] {
			best = f
		}
	}
	return best
}
