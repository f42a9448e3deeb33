package health

import (
	"context"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/zktest"
	"github.com/mesoslab/mesoslab/lab/stack"
)

// zkEnsemble is a real ZooKeeper ensemble (package zktest) with the probes'
// view of it.
type zkEnsemble struct {
	*zktest.Ensemble
	t *testing.T
}

// startEnsemble starts real servers on the nodes' loopback addresses, or
// skips the test without java and the ZooKeeper jars.
func startEnsemble(t *testing.T, nodes []Node, whitelist string) *zkEnsemble {
	t.Helper()
	java, cp := zktest.Need(t)
	return &zkEnsemble{zktest.Start(t, java, cp, members(nodes), zktest.Options{Whitelist: whitelist}), t}
}

func (e *zkEnsemble) target(nodes []Node) Target {
	return Target{
		Masters:    nodes,
		Components: Components{ZooKeeper: true},
		Ports:      stack.Ports{ZooKeeper: e.ClientPort},
		Timeout:    2 * time.Second,
	}
}

// waitFor probes until cond holds on a report, for at most limit.
func (e *zkEnsemble) waitFor(tgt Target, limit time.Duration, what string, cond func(Report) bool) Report {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	var rep Report
	for {
		rep = Probe(ctx, tgt)
		if cond(rep) {
			return rep
		}
		select {
		case <-ctx.Done():
			e.t.Fatalf("after %s still not %s; last report:\n%s\nserver logs:\n%s", limit, what, dumpChecks(rep), e.Logs())
		case <-time.After(250 * time.Millisecond):
		}
	}
}
