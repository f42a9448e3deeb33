package workshop

import (
	"context"
	"errors"
	"fmt"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/seconds"
)

// mesosPhases: find the elected master, stop it, wait for another, start
// it again, wait until it is back as a standby that knows the leader.
func (r *drillRun) mesosPhases() []phase {
	var victim service
	var masters []health.Node
	var stoppedAt, startedAt = r.clock.Now(), r.clock.Now()
	return []phase{
		r.checkPhase(func(rep health.Report) error {
			masters = mesosMasters(rep)
			switch {
			case len(masters) == 0:
				return switchedOff(compMesos)
			case len(masters) < 2:
				return errors.New("the lab has one Mesos master: no standby could take over; the drill needs 3 masters (masters: 3)")
			case rep.Mesos.Leader.Name == "":
				return fmt.Errorf("no elected Mesos master to stop; `mesoslab verify` says why")
			}
			victim = service{rep.Mesos.Leader.Name, UnitMesosMaster}
			r.res.OldLeader = victim.node
			r.tl.Add(EventInfo, victim.node, "", "Mesos leader is %s (%s); standbys: %s",
				victim.node, rep.Mesos.Leader.Addr, others(masters, victim.node))
			return nil
		}),
		{"stop", func(ctx context.Context) (err error) {
			stoppedAt, err = r.stop(ctx, victim)
			return err
		}},
		{"elect", func(ctx context.Context) error {
			rep, took, err := r.waitFor(ctx, stoppedAt, "new Mesos leader", func(rep health.Report) (bool, string) {
				l := rep.Mesos.Leader.Name
				return l != "" && l != victim.node, mesosLeader(rep)
			}, fmt.Sprintf("the standbys need a ZooKeeper quorum and a majority of masters for the replicated log; %s and `mesoslab status`",
				journal(firstOther(masters, victim.node), UnitMesosMaster)))
			if err != nil {
				return err
			}
			r.res.NewLeader, r.res.Reelection = rep.Mesos.Leader.Name, seconds.Duration(took)
			r.tl.Measured(rep.Mesos.Leader.Name, UnitMesosMaster, took, "%s elected Mesos leader %s after %s stopped",
				rep.Mesos.Leader.Name, FormatDuration(took), victim.node)
			return nil
		}},
		{"restart", func(ctx context.Context) (err error) {
			startedAt, err = r.start(ctx, victim)
			return err
		}},
		{"rejoin", func(ctx context.Context) error {
			rep, took, err := r.waitFor(ctx, startedAt, victim.node+" back as a standby", func(rep health.Report) (bool, string) {
				m, _ := mesosMaster(rep, victim.node)
				switch {
				case !m.Reached:
					return false, victim.node + " does not answer yet"
				case m.Elected:
					return false, victim.node + " says it is elected"
				case m.Redirect == "" || rep.Mesos.Leader.Name == "":
					return false, victim.node + " answers but knows no leader"
				}
				return true, ""
			}, journal(victim.node, UnitMesosMaster))
			if err != nil {
				return err
			}
			r.res.Rejoined = seconds.Duration(took)
			r.tl.Measured(victim.node, UnitMesosMaster, took, "%s back as a standby %s after its restart; leader is %s",
				victim.node, FormatDuration(took), rep.Mesos.Leader.Name)
			return nil
		}},
	}
}
