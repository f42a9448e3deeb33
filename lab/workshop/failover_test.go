package workshop

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// The drills against the fake cluster: probe answers that change as the
// fake NodeShell receives systemctl commands, on a fake clock.

func TestGoldenFailoverDrills(t *testing.T) {
	tests := []struct {
		name           string
		drill          Drill
		setup          func(c *fakeCluster, f *Failover, cancel context.CancelFunc)
		wantErr        error
		wantErrText    []string
		wantOld        string
		wantNew        string
		wantReelection time.Duration
		wantRejoined   time.Duration
		wantCommands   []string
	}{
		{
			name: "mesos", drill: DrillMesos,
			wantOld: "master1", wantNew: "master2", wantReelection: 3 * time.Second, wantRejoined: time.Second,
			wantCommands: []string{"master1: systemctl stop mesos-master", "master1: systemctl start mesos-master"},
		},
		{
			name: "zookeeper", drill: DrillZooKeeper,
			wantOld: "master2", wantNew: "master3", wantReelection: 2 * time.Second, wantRejoined: time.Second,
			wantCommands: []string{"master2: systemctl stop zookeeper", "master2: systemctl start zookeeper"},
		},
		{
			name: "quorum", drill: DrillQuorum,
			wantOld: "master2", wantNew: "master3", wantReelection: 0, wantRejoined: 2 * time.Second,
			wantCommands: []string{"master1: systemctl stop zookeeper", "master1: systemctl start zookeeper",
				"master2: systemctl stop zookeeper", "master2: systemctl start zookeeper"},
		},
		{
			name: "quorum-dns", drill: DrillQuorum,
			setup:   func(c *fakeCluster, _ *Failover, _ context.CancelFunc) { c.dnsOn = true },
			wantOld: "master2", wantNew: "master3", wantReelection: 0, wantRejoined: 2 * time.Second,
			wantCommands: []string{"master1: systemctl stop zookeeper", "master1: systemctl start zookeeper",
				"master2: systemctl stop zookeeper", "master2: systemctl start zookeeper"},
		},
		{
			name: "quorum-dns-exited", drill: DrillQuorum,
			setup: func(c *fakeCluster, _ *Failover, _ context.CancelFunc) {
				c.dnsOn = true
				c.onProbe = func(n int) {
					if n == 1 { // after the health check, before the majority is down
						c.dnsDown = map[string]bool{"master3": true}
					}
				}
			},
			wantOld: "master2", wantNew: "master3", wantReelection: 0, wantRejoined: 2 * time.Second,
			wantCommands: []string{"master1: systemctl stop zookeeper", "master1: systemctl start zookeeper",
				"master2: systemctl stop zookeeper", "master2: systemctl start zookeeper"},
		},
		{
			name: "mesos-never-reelected", drill: DrillMesos,
			setup:        func(c *fakeCluster, f *Failover, _ context.CancelFunc) { c.mesosElect = -1; f.Wait = 10 * time.Second },
			wantErr:      ErrTimeout,
			wantErrText:  []string{"no new Mesos leader within 10s (last seen: no Mesos leader)", "ZooKeeper quorum", "`mesoslab ssh master2 -- sudo journalctl -u mesos-master`"},
			wantOld:      "master1",
			wantCommands: []string{"master1: systemctl stop mesos-master", "master1: systemctl start mesos-master"},
		},
		{
			name: "zookeeper-never-follows", drill: DrillZooKeeper,
			setup:       func(c *fakeCluster, f *Failover, _ context.CancelFunc) { c.rejoin = 1000; f.Wait = 5 * time.Second },
			wantErr:     ErrTimeout,
			wantErrText: []string{"no master2 back as a follower within 5s", "`mesoslab ssh master2 -- sudo journalctl -u zookeeper`"},
			wantOld:     "master2", wantNew: "master3", wantReelection: 2 * time.Second,
			wantCommands: []string{"master2: systemctl stop zookeeper", "master2: systemctl start zookeeper"},
		},
		{
			name: "mesos-interrupted", drill: DrillMesos,
			// Ctrl-C on the second probe after the stop, before a re-election.
			setup: func(c *fakeCluster, _ *Failover, cancel context.CancelFunc) {
				c.onProbe = func(n int) {
					if n == 3 {
						cancel()
					}
				}
			},
			wantErr:      context.Canceled,
			wantOld:      "master1",
			wantCommands: []string{"master1: systemctl stop mesos-master", "master1: systemctl start mesos-master"},
		},
		{
			name: "quorum-interrupted", drill: DrillQuorum,
			// Ctrl-C once both members are down: both come back, newest first.
			setup: func(c *fakeCluster, _ *Failover, cancel context.CancelFunc) {
				c.onProbe = func(n int) {
					if n == 2 {
						cancel()
					}
				}
			},
			wantErr: context.Canceled,
			wantOld: "master2",
			wantCommands: []string{"master1: systemctl stop zookeeper", "master1: systemctl start zookeeper",
				"master2: systemctl stop zookeeper", "master2: systemctl start zookeeper"},
		},
		{
			name: "refused-unhealthy", drill: DrillMesos,
			setup:       func(c *fakeCluster, _ *Failover, _ context.CancelFunc) { c.mesosUp["master3"] = false },
			wantErr:     ErrNotHealthy,
			wantErrText: []string{"1 failing check, first mesos/master3", "or pass --force"},
		},
		{
			name: "forced-unhealthy", drill: DrillZooKeeper,
			setup: func(c *fakeCluster, f *Failover, _ context.CancelFunc) {
				c.mesosUp["master3"] = false
				f.Force = true
			},
			wantOld: "master2", wantNew: "master3", wantReelection: 2 * time.Second, wantRejoined: time.Second,
			wantCommands: []string{"master2: systemctl stop zookeeper", "master2: systemctl start zookeeper"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newFakeCluster(t)
			clock := newFakeClock()
			var events []Event
			f := &Failover{Probe: c.probe, Shell: c, Clock: clock, OnEvent: func(e Event) { events = append(events, e) }}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.setup != nil {
				tt.setup(c, f, cancel)
			}
			res, err := f.Run(ctx, tt.drill)
			golden(t, "failover-"+tt.name+".txt", timelineText(t, events))

			if tt.wantErr == nil && err != nil {
				t.Fatalf("drill failed: %v", err)
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			for _, w := range tt.wantErrText {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if res.OldLeader != tt.wantOld || res.NewLeader != tt.wantNew {
				t.Errorf("leaders %q → %q, want %q → %q", res.OldLeader, res.NewLeader, tt.wantOld, tt.wantNew)
			}
			if res.Reelection.Std() != tt.wantReelection || res.Rejoined.Std() != tt.wantRejoined {
				t.Errorf("reelection %s rejoined %s, want %s %s", res.Reelection, res.Rejoined, tt.wantReelection, tt.wantRejoined)
			}
			if got := c.commands(); commandLines(got) != commandLines(tt.wantCommands) {
				t.Errorf("commands:\n%s\nwant:\n%s", commandLines(got), commandLines(tt.wantCommands))
			}
			// Whatever happened, nothing the drill stopped stays stopped.
			if !res.Restored {
				t.Error("result says services are left stopped")
			}
			for node, up := range c.zkUp {
				if !up {
					t.Errorf("zookeeper left stopped on %s", node)
				}
			}
			if len(res.Events) != len(events) {
				t.Errorf("result keeps %d events, %d were sent", len(res.Events), len(events))
			}
		})
	}
}

func TestFailoverRestoreFailureIsReported(t *testing.T) {
	c := newFakeCluster(t)
	c.mesosElect = -1
	// The node's start command fails: the error must say what is left stopped.
	sh := provisiontest.New("master1")
	sh.On(`^systemctl stop mesos-master$`).Do(func(provision.Command) { c.set("master1", "mesos-master", false) })
	sh.On(`^systemctl start mesos-master$`).Exit(1).Stderr("Job for mesos-master.service failed.\n")
	c.shells["master1"] = sh
	f := &Failover{Probe: c.probe, Shell: c, Clock: newFakeClock(), Wait: 3 * time.Second}
	res, err := f.Run(context.Background(), DrillMesos)
	if !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "restoring: start mesos-master on master1") ||
		!strings.Contains(err.Error(), "sudo systemctl start UNIT") {
		t.Fatalf("err = %v", err)
	}
	if res.Restored {
		t.Error("result says restored although the start failed")
	}
}

func TestFailoverRejectsUnknownDrill(t *testing.T) {
	c := newFakeCluster(t)
	f := &Failover{Probe: c.probe, Shell: c, Clock: newFakeClock()}
	if _, err := f.Run(context.Background(), "marathon"); err == nil || !strings.Contains(err.Error(), `unknown drill "marathon"`) {
		t.Errorf("err = %v", err)
	}
	if len(c.commands()) != 0 || c.probes != 0 {
		t.Errorf("an unknown drill touched the lab: %d probes, commands %v", c.probes, c.commands())
	}
}

func TestFailoverNeedsEnoughMasters(t *testing.T) {
	c := newFakeCluster(t)
	c.masters = testMasters[:1]
	c.mesosLeader, c.zkLeader = "master1", "master1"
	f := &Failover{Probe: c.probe, Shell: c, Clock: newFakeClock(), Force: true}
	for drill, want := range map[Drill]string{
		DrillMesos:     "the lab has one Mesos master",
		DrillZooKeeper: "ZooKeeper has 1 members",
	} {
		if _, err := f.Run(context.Background(), drill); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", drill, err, want)
		}
	}
	if len(c.commands()) != 0 {
		t.Errorf("commands sent: %v", c.commands())
	}
}
