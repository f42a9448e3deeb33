package workshop

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/seconds"
)

// quorumPhases: stop a majority of ZooKeeper (the leader first), wait until
// the rest stop serving and Mesos has no leader, start them again, wait
// until the ensemble and Mesos serve again. The timeline also says what
// Mesos-DNS answers without a ZooKeeper leader and after the recovery.
func (r *drillRun) quorumPhases() []phase {
	var victims []service
	var members []health.Node
	var mesosOn bool
	var lastStop, firstStart = r.clock.Now(), r.clock.Now()
	return []phase{
		r.checkPhase(func(rep health.Report) error {
			members = zkMembers(rep)
			if len(members) == 0 {
				return switchedOff(ComponentError{Component: "ZooKeeper", Key: "components.zookeeper", Unit: UnitZooKeeper})
			}
			mesosOn = len(rep.Mesos.Masters) > 0
			majority := len(members)/2 + 1
			l, hasLeader := zkLeader(rep)
			if hasLeader {
				r.res.OldLeader = l.Node.Name
				victims = append(victims, service{l.Node.Name, UnitZooKeeper})
			}
			for _, n := range members {
				if len(victims) < majority && n.Name != l.Node.Name {
					victims = append(victims, service{n.Name, UnitZooKeeper})
				}
			}
			r.tl.Add(EventInfo, "", "", "ZooKeeper has %d members and needs %d for a quorum; stopping %d: %v",
				len(members), majority, len(victims), victims)
			return nil
		}),
		{"stop", func(ctx context.Context) error {
			for _, v := range victims {
				at, err := r.stop(ctx, v)
				if err != nil {
					return err
				}
				lastStop = at
			}
			return nil
		}},
		{"lose", func(ctx context.Context) error {
			zkLost, mesosLost := false, !mesosOn
			rep, took, err := r.waitFor(ctx, lastStop, "loss of service", func(rep health.Report) (bool, string) {
				if !zkLost && !serving(rep, victims) {
					zkLost = true
					took := r.clock.Now().Sub(lastStop)
					r.tl.Measured("", UnitZooKeeper, took, "ZooKeeper stopped serving %s after the last stop: %s", FormatDuration(took), zkModes(rep))
				}
				if !mesosLost && rep.Mesos.Leader.Name == "" {
					mesosLost = true
					took := r.clock.Now().Sub(lastStop)
					r.tl.Measured("", UnitMesosMaster, took, "Mesos lost its leader %s after the last stop: no master is elected", FormatDuration(took))
				}
				return zkLost && mesosLost, fmt.Sprintf("%s; %s", zkModes(rep), mesosLeader(rep))
			}, "members without a quorum answer \"not serving\" within a few ticks, and Mesos masters give up leadership after --zk_session_timeout; check that the stopped members are down with `mesoslab status`")
			if err != nil {
				return err
			}
			r.res.Reelection = seconds.Duration(took)
			r.tl.Add(EventInfo, "", "", "with %d of %d members down no majority is left: an ensemble of n survives (n-1)/2 failures, so 3 is the smallest that survives one and 2 survive none",
				len(victims), len(members))
			r.dnsWithoutLeader(rep)
			return nil
		}},
		{"restore", func(ctx context.Context) error {
			for i := len(victims) - 1; i >= 0; i-- {
				at, err := r.start(ctx, victims[i])
				if err != nil {
					return err
				}
				if i == len(victims)-1 {
					firstStart = at
				}
			}
			return nil
		}},
		{"recover", func(ctx context.Context) error {
			rep, took, err := r.waitFor(ctx, firstStart, "recovery", func(rep health.Report) (bool, string) {
				ok := ensembleWhole(rep) && (!mesosOn || rep.Mesos.Leader.Name != "")
				return ok, fmt.Sprintf("%s; %s", zkModes(rep), mesosLeader(rep))
			}, journal(victims[0].node, UnitZooKeeper))
			if err != nil {
				return err
			}
			l, _ := zkLeader(rep)
			r.res.NewLeader, r.res.Rejoined = l.Node.Name, seconds.Duration(took)
			msg := fmt.Sprintf("ZooKeeper serves again %s after the restart: %s", FormatDuration(took), zkModes(rep))
			if mesosOn {
				msg += "; " + mesosLeader(rep)
			}
			r.tl.Measured("", "", took, "%s", msg)
			if len(rep.MesosDNS) > 0 {
				answers, _ := dnsAnswers(rep)
				r.tl.Add(EventInfo, "", UnitMesosDNS, "Mesos-DNS: %s; it follows the leader ZooKeeper names, so it moves to a new leader within seconds", answers)
			}
			return nil
		}},
	}
}

// serving reports whether a member that was not stopped still serves.
func serving(rep health.Report, stopped []service) bool {
	for _, m := range rep.ZooKeeper {
		down := slices.ContainsFunc(stopped, func(s service) bool { return s.node == m.Node.Name })
		if !down && m.Mode != "" {
			return true
		}
	}
	return false
}

// ensembleWhole reports whether every member serves under one leader.
func ensembleWhole(rep health.Report) bool {
	leaders := 0
	for _, m := range rep.ZooKeeper {
		switch m.Mode {
		case modeLeader, modeStandalone:
			leaders++
		case modeFollower:
		default:
			return false
		}
	}
	return leaders == 1
}

// dnsWithoutLeader says what Mesos-DNS answers while ZooKeeper has no
// leader. It keeps its last records: a state without a leader fails to
// load ("empty master", records/generator.go ParseState in AVENTER's
// mesos-dns) and the resolver keeps its old records (resolver/resolver.go,
// "keeping old DNS state"); and with zkDetectionTimeout 0, as mesoslab
// writes it, it does not exit after 30 s without a leader (main.go).
func (r *drillRun) dnsWithoutLeader(rep health.Report) {
	if len(rep.MesosDNS) == 0 {
		return
	}
	answers, silent := dnsAnswers(rep)
	if len(silent) == 0 {
		r.tl.Add(EventInfo, "", UnitMesosDNS, "Mesos-DNS without a ZooKeeper leader: %s. It keeps its last records, and with "+
			"zkDetectionTimeout 0 (as mesoslab sets it) it goes on answering however long the outage lasts instead of exiting after 30 s", answers)
		return
	}
	r.tl.Add(EventWarn, silent[0], UnitMesosDNS, "Mesos-DNS without a ZooKeeper leader: %s. A Mesos-DNS that does not answer has "+
		"stopped or never loaded a state (one with a zkDetectionTimeout other than 0 exits that long after ZooKeeper loses its leader); %s",
		answers, journal(silent[0], UnitMesosDNS))
}

// dnsAnswers says what each master's Mesos-DNS answered for leader.mesos.,
// the masters with the same answer together ("leader.mesos. is 127.0.0.11
// (master1) on master1, master2, master3"), and which masters answered none.
func dnsAnswers(rep health.Report) (string, []string) {
	names := map[string]string{}
	for _, d := range rep.MesosDNS {
		names[d.Node.Addr] = d.Node.Name
	}
	var answers []string
	on := map[string][]string{}
	var silent []string
	for _, d := range rep.MesosDNS {
		a := "no answer for leader.mesos."
		if len(d.Leader) == 0 {
			silent = append(silent, d.Node.Name)
		} else {
			var ips []string
			for _, ip := range d.Leader {
				if n, ok := names[ip]; ok {
					ip += " (" + n + ")"
				}
				ips = append(ips, ip)
			}
			a = "leader.mesos. is " + strings.Join(ips, " ")
		}
		if _, seen := on[a]; !seen {
			answers = append(answers, a)
		}
		on[a] = append(on[a], d.Node.Name)
	}
	parts := make([]string, len(answers))
	for i, a := range answers {
		parts[i] = a + " on " + strings.Join(on[a], ", ")
	}
	return strings.Join(parts, "; "), silent
}
