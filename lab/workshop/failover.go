package workshop

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/seconds"
)

// Drill is one high-availability exercise.
type Drill string

// The drills of `mesoslab failover`.
const (
	// DrillMesos stops the elected Mesos master and times the re-election.
	DrillMesos Drill = "mesos"
	// DrillZooKeeper stops the ZooKeeper leader and times the new election.
	DrillZooKeeper Drill = "zookeeper"
	// DrillQuorum stops a majority of ZooKeeper members: the ensemble stops
	// serving and Mesos loses its leader until they are back.
	DrillQuorum Drill = "quorum"
)

// Drills lists every drill, for usage text.
func Drills() []Drill { return []Drill{DrillMesos, DrillZooKeeper, DrillQuorum} }

// Failover defaults.
const (
	DefaultFailoverPoll   = time.Second
	DefaultFailoverWait   = 3 * time.Minute
	DefaultRestoreWait    = 2 * time.Minute
	DefaultCommandTimeout = 90 * time.Second
)

// ErrNotHealthy is wrapped by the refusal to drill a lab that is not healthy.
var ErrNotHealthy = errors.New("lab not healthy")

// Failover runs drills against a lab through its health probes and a shell
// on its nodes.
type Failover struct {
	Probe ProbeFunc
	Shell NodeShell
	// Force drills a lab that is not healthy.
	Force bool
	// Poll is the probe interval (DefaultFailoverPoll); Wait bounds each
	// wait for the cluster (DefaultFailoverWait); RestoreWait bounds
	// restoring after an interruption (DefaultRestoreWait);
	// CommandTimeout bounds each systemctl (DefaultCommandTimeout).
	Poll, Wait, RestoreWait, CommandTimeout time.Duration
	Clock                                   Clock
	// OnEvent receives the timeline as it happens.
	OnEvent func(Event)
}

// FailoverResult is what a drill did and measured.
type FailoverResult struct {
	Drill Drill `json:"drill"`
	// OldLeader and NewLeader are the leaders before and after (Mesos or
	// ZooKeeper); NewLeader is empty for the quorum drill.
	OldLeader string `json:"old_leader,omitempty"`
	NewLeader string `json:"new_leader,omitempty"`
	// Stopped lists "node/unit" for every service the drill stopped.
	Stopped []string `json:"stopped"`
	// Reelection is from the stop to a new leader; for the quorum drill,
	// from the last stop to the loss of service.
	Reelection seconds.Duration `json:"reelection,omitempty"`
	// Rejoined is from the restart to the node back in the cluster; for
	// the quorum drill, to the ensemble and Mesos serving again.
	Rejoined seconds.Duration `json:"rejoined,omitempty"`
	// Restored is true when nothing the drill stopped is left stopped.
	Restored bool    `json:"restored"`
	Events   []Event `json:"events"`
}

// Run runs one drill. Whatever ends it (success, a timeout, an error, the
// end of ctx) every service it stopped is started again, with a fresh
// context when ctx is the reason.
func (f *Failover) Run(ctx context.Context, d Drill) (FailoverResult, error) {
	r := &drillRun{f: f, clock: clockOr(f.Clock), res: FailoverResult{Drill: d, Stopped: []string{}}}
	r.tl = NewTimeline(r.clock, f.OnEvent)
	phases, err := r.phases(d)
	if err == nil {
		r.tl.Add(EventInfo, "", "", "drill %s: %s", d, drillAbout[d])
		err = r.runPhases(ctx, phases)
	}
	if rerr := r.restore(ctx); rerr != nil {
		err = errors.Join(err, rerr)
	}
	r.res.Restored = len(r.stopped) == 0
	switch {
	case err == nil:
		r.tl.Add(EventResult, "", "", "drill %s done; everything it stopped runs again", d)
	case errors.Is(err, context.Canceled):
		r.tl.Add(EventError, "", "", "drill %s interrupted", d)
	default:
		r.tl.Add(EventError, "", "", "%v", err)
	}
	r.res.Events = r.tl.Events()
	return r.res, err
}

// drillAbout says in one line what each drill shows.
var drillAbout = map[Drill]string{
	DrillMesos:     "stop the elected Mesos master, time the re-election, bring it back as a standby",
	DrillZooKeeper: "stop the ZooKeeper leader, time the new election, bring it back as a follower",
	DrillQuorum:    "stop a majority of ZooKeeper, watch the ensemble and Mesos stop serving, then restore",
}

// phase is one state of a drill; the drill moves to the next when it
// returns nil.
type phase struct {
	name string
	run  func(ctx context.Context) error
}

// checkPhase is a drill's first phase: probe the lab, then let fn find the
// drill's victims in the report.
func (r *drillRun) checkPhase(fn func(rep health.Report) error) phase {
	return phase{"check", func(ctx context.Context) error {
		rep, err := r.check(ctx)
		if err != nil {
			return err
		}
		return fn(rep)
	}}
}

func (r *drillRun) phases(d Drill) ([]phase, error) {
	switch d {
	case DrillMesos:
		return r.mesosPhases(), nil
	case DrillZooKeeper:
		return r.zookeeperPhases(), nil
	case DrillQuorum:
		return r.quorumPhases(), nil
	}
	return nil, fmt.Errorf("unknown drill %q: use %v", d, Drills())
}

func (r *drillRun) runPhases(ctx context.Context, phases []phase) error {
	for _, p := range phases {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("before %s: %w", p.name, err)
		}
		if err := p.run(ctx); err != nil {
			return err
		}
	}
	return nil
}

// check refuses a lab that is not healthy, unless forced, and returns the
// report the drill starts from.
func (r *drillRun) check(ctx context.Context) (health.Report, error) {
	rep := r.f.Probe(ctx)
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	problems := rep.Problems()
	if len(problems) == 0 {
		r.tl.Add(EventInfo, "", "", "lab healthy: %s pass", plural(len(rep.Checks), "check"))
		return rep, nil
	}
	first := fmt.Sprintf("%s: %s", problems[0].ID, problems[0].Finding)
	if r.f.Force {
		r.tl.Add(EventWarn, "", "", "lab not healthy (%s, first %s); going on because of --force", plural(len(problems), "failing check"), first)
		return rep, nil
	}
	return rep, fmt.Errorf("%w: %s, first %s; fix the lab first (`mesoslab verify` shows every check) or pass --force",
		ErrNotHealthy, plural(len(problems), "failing check"), first)
}

// plural renders a count with its noun: 1 check, 3 checks.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
