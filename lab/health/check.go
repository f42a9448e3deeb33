package health

import (
	"fmt"
	"time"

	"github.com/mesoslab/mesoslab/lab/seconds"
)

// Status grades one check.
type Status string

// The three grades: ok, warn (the lab works but is not fully healthy, such
// as a ZooKeeper ensemble that keeps its quorum with a member down) and
// fail (a service the lab needs does not work).
const (
	StatusOK   Status = "ok"
	StatusWarn Status = "warn"
	StatusFail Status = "fail"
)

// rank orders statuses so the worst one wins.
func (s Status) rank() int {
	switch s {
	case StatusOK:
		return 0
	case StatusWarn:
		return 1
	default:
		return 2
	}
}

// Check is the outcome of one probe.
type Check struct {
	// ID names the check stably, e.g. "zookeeper/master1", "mesos/leader",
	// "mesos-dns/dns/master1".
	ID string `json:"id"`
	// Status grades the outcome.
	Status Status `json:"status"`
	// Finding says in one line what was found, or what is wrong.
	Finding string `json:"finding"`
	// Fix says what to do about it; empty when Status is ok.
	Fix string `json:"fix,omitempty"`
	// Duration is how long the probe took.
	Duration seconds.Duration `json:"duration"`
}

func ok(id string, d time.Duration, format string, args ...any) Check {
	return Check{ID: id, Status: StatusOK, Finding: fmt.Sprintf(format, args...), Duration: seconds.Duration(d)}
}

func warn(id string, d time.Duration, fix, format string, args ...any) Check {
	return Check{ID: id, Status: StatusWarn, Finding: fmt.Sprintf(format, args...), Fix: fix, Duration: seconds.Duration(d)}
}

func fail(id string, d time.Duration, fix, format string, args ...any) Check {
	return Check{ID: id, Status: StatusFail, Finding: fmt.Sprintf(format, args...), Fix: fix, Duration: seconds.Duration(d)}
}
