package health

import (
	"context"
	"sync"
	"time"

	"github.com/mesoslab/mesoslab/lab/seconds"
	"github.com/mesoslab/mesoslab/lab/stack"
)

// Probe runs every probe of the switched-on components once. Probes that
// need no leader run concurrently first; the leader's agent and framework
// lists follow, concurrently too, once the masters have named a leader.
// Each probe has its own timeout, so one silent node cannot hide the rest.
func (p *Prober) Probe(ctx context.Context, t Target) Report {
	r := p.round(t)
	rep := Report{Started: time.Now()}
	on := t.Components
	masters, agents := t.Masters, t.Agents
	if len(masters) == 0 {
		on = Components{}
	}

	var (
		wg        sync.WaitGroup
		zk        = make([]zkProbe, len(masters))
		mesos     = make([]masterProbe, len(masters))
		health    = make([]Check, len(agents))
		marathon  = make([]Check, len(masters))
		chronos   = make([]Check, len(masters))
		dnsHTTP   = make([]Check, len(masters))
		dnsAnswer = make([]dnsAnswers, len(masters))
	)
	if on.Marathon {
		rep.Marathon = make([]MarathonInstance, len(masters))
	}
	if on.Chronos {
		rep.Chronos = make([]ChronosInstance, len(masters))
	}
	if on.MesosDNS {
		rep.MesosDNS = make([]MesosDNSInstance, len(masters))
	}
	for i, n := range masters {
		if on.ZooKeeper {
			wg.Go(func() { zk[i] = r.probeZooKeeper(ctx, n) })
		}
		if on.Mesos {
			wg.Go(func() { mesos[i] = r.probeMesosMaster(ctx, n) })
		}
		if on.Marathon {
			wg.Go(func() { rep.Marathon[i], marathon[i] = r.probeMarathon(ctx, n) })
		}
		if on.Chronos {
			wg.Go(func() { rep.Chronos[i], chronos[i] = r.probeChronos(ctx, n) })
		}
		if on.MesosDNS {
			rep.MesosDNS[i].Node = n
			wg.Go(func() { rep.MesosDNS[i].Version, dnsHTTP[i] = r.probeMesosDNSHTTP(ctx, n) })
			wg.Go(func() { dnsAnswer[i] = r.probeDNS(ctx, n) })
		}
	}
	if on.Mesos {
		for i, n := range agents {
			wg.Go(func() { health[i] = r.agentHealthCheck(ctx, n) })
		}
	}
	wg.Wait()

	var leader Node
	var leaderCheck Check
	if on.Mesos {
		leader, leaderCheck = r.leaderCheck(mesos)
		rep.Mesos.Leader = leader
		for _, m := range mesos {
			rep.Mesos.Masters = append(rep.Mesos.Masters, m.master)
		}
	}

	// Second phase: the lists only the leader serves.
	var (
		slaves                []stack.Slave
		fws                   []stack.Framework
		slavesTook, fwsTook   time.Duration
		slavesErr, fwsErr     error
		wantAgents, wantFrame = on.Mesos && len(agents) > 0, on.Mesos && (on.Marathon || on.Chronos)
	)
	if leader.Name != "" {
		if wantAgents {
			wg.Go(func() { slaves, slavesTook, slavesErr = r.probeSlaves(ctx, leader) })
		}
		if wantFrame {
			wg.Go(func() { fws, fwsTook, fwsErr = r.probeFrameworks(ctx, leader) })
		}
		wg.Wait()
	}
	rep.Mesos.Frameworks = fws

	add := func(cs ...Check) { rep.Checks = append(rep.Checks, cs...) }
	if on.ZooKeeper {
		for _, z := range zk {
			add(r.zkMemberCheck(z))
			rep.ZooKeeper = append(rep.ZooKeeper, z.member)
		}
		add(r.zkQuorumCheck(zk))
	}
	if on.Mesos {
		for _, m := range mesos {
			add(r.masterCheck(m))
		}
		add(leaderCheck)
		if wantAgents {
			c, facts := r.agentsCheck(leader, slaves, slavesTook, slavesErr)
			add(c)
			rep.Mesos.Agents = facts
			add(health...)
		}
	}
	if on.Marathon {
		add(marathon...)
		if wantFrame {
			add(r.frameworkCheck("marathon/framework", stack.MarathonFramework, unitMarathon, leader, fws, fwsTook, fwsErr))
		}
	}
	if on.Chronos {
		add(chronos...)
		if wantFrame {
			add(r.frameworkCheck("chronos/framework", stack.ChronosFramework, unitChronos, leader, fws, fwsTook, fwsErr))
		}
	}
	if on.MesosDNS {
		add(dnsHTTP...)
		for i, n := range masters {
			add(r.dnsCheck(n, dnsAnswer[i], leader))
			rep.MesosDNS[i].Leader = dnsAnswer[i].leader
			rep.MesosDNS[i].Masters = dnsAnswer[i].masters
		}
	}
	rep.Elapsed = seconds.Duration(time.Since(rep.Started))
	return rep
}
