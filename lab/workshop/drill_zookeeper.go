package workshop

import (
	"context"
	"fmt"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/seconds"
)

// minEnsemble is the smallest ensemble that keeps a majority with one
// member down.
const minEnsemble = 3

// zookeeperPhases: find the leader, stop it, wait for another member to
// lead (the quorum holds), start it again, wait until it follows.
func (r *drillRun) zookeeperPhases() []phase {
	var victim service
	var members []health.Node
	var stoppedAt, startedAt = r.clock.Now(), r.clock.Now()
	return []phase{
		r.checkPhase(func(rep health.Report) error {
			members = zkMembers(rep)
			if len(members) < minEnsemble {
				return fmt.Errorf("ZooKeeper has %d members: with one down no majority is left; the drill needs %d masters (masters: 3)",
					len(members), minEnsemble)
			}
			l, ok := zkLeader(rep)
			if !ok {
				return fmt.Errorf("no ZooKeeper leader to stop (%s); `mesoslab verify` says why", zkModes(rep))
			}
			victim = service{l.Node.Name, UnitZooKeeper}
			r.res.OldLeader = victim.node
			r.tl.Add(EventInfo, victim.node, "", "ZooKeeper leader is %s; followers: %s", victim.node, others(members, victim.node))
			return nil
		}),
		{"stop", func(ctx context.Context) (err error) {
			stoppedAt, err = r.stop(ctx, victim)
			return err
		}},
		{"elect", func(ctx context.Context) error {
			rep, took, err := r.waitFor(ctx, stoppedAt, "new ZooKeeper leader", func(rep health.Report) (bool, string) {
				l, ok := zkLeader(rep)
				return ok && l.Node.Name != victim.node, zkModes(rep)
			}, fmt.Sprintf("the other members must reach each other on ports 2888 and 3888; %s",
				journal(firstOther(members, victim.node), UnitZooKeeper)))
			if err != nil {
				return err
			}
			l, _ := zkLeader(rep)
			r.res.NewLeader, r.res.Reelection = l.Node.Name, seconds.Duration(took)
			r.tl.Measured(l.Node.Name, UnitZooKeeper, took, "%s elected ZooKeeper leader %s after %s stopped; quorum kept with %d of %d",
				l.Node.Name, FormatDuration(took), victim.node, len(members)-1, len(members))
			return nil
		}},
		{"restart", func(ctx context.Context) (err error) {
			startedAt, err = r.start(ctx, victim)
			return err
		}},
		{"rejoin", func(ctx context.Context) error {
			_, took, err := r.waitFor(ctx, startedAt, victim.node+" back as a follower", func(rep health.Report) (bool, string) {
				m, _ := zkMember(rep, victim.node)
				return m.Mode == modeFollower, zkModes(rep)
			}, journal(victim.node, UnitZooKeeper))
			if err != nil {
				return err
			}
			r.res.Rejoined = seconds.Duration(took)
			r.tl.Measured(victim.node, UnitZooKeeper, took, "%s back as a follower %s after its restart", victim.node, FormatDuration(took))
			return nil
		}},
	}
}
