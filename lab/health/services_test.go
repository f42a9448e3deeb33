package health

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

func itoa(i int) string { return strconv.Itoa(i) }

// Marathon and Chronos payloads are documented formats served by httptest
// fakes, because those services cannot run on the build machines.

func TestProbeMarathonWithoutLeader(t *testing.T) {
	f := newFakeLab(t)
	f.healthy(t)
	f.Set("127.0.0.13", "/v2/info", http.StatusServiceUnavailable, "Could not determine the current leader")
	f.Set("127.0.0.12", "/ping", 200, "ping?")
	rep := probeFake(t, f, f.target())
	wantCheck(t, rep, "marathon/master3", StatusFail, "answers /ping but not /v2/info", "HTTP 503", "Could not determine the current leader")
	wantCheck(t, rep, "marathon/master2", StatusFail, "not pong")
	wantCheck(t, rep, "marathon/master1", StatusOK, "version 1.5.0-SNAPSHOT, leader master2:8080")
}

// Chronos 2.x serves its API without the /v1 prefix of 3.x.
func TestProbeChronosAPIVersions(t *testing.T) {
	f := newFakeLab(t)
	f.healthy(t)
	f.Set("127.0.0.12", "/v1/scheduler/jobs", http.StatusNotFound, "")
	f.Set("127.0.0.12", "/scheduler/jobs", 200, testdata(t, "chronos/jobs-empty.json"))
	f.Set("127.0.0.13", "/v1/scheduler/jobs", http.StatusInternalServerError, "boom")
	rep := probeFake(t, f, f.target())

	wantCheck(t, rep, "chronos/master1", StatusOK, "2 jobs at /v1/scheduler/jobs")
	wantCheck(t, rep, "chronos/master2", StatusOK, "0 jobs at /scheduler/jobs")
	wantCheck(t, rep, "chronos/master3", StatusFail, "HTTP 500 (boom)")
	if rep.Chronos[1].API != "/scheduler" || rep.Chronos[2].API != "" {
		t.Errorf("chronos facts %+v", rep.Chronos)
	}
	if f.Hits("127.0.0.13", "/scheduler/jobs") != 0 {
		t.Error("fell back to the 2.x path on a 500")
	}
}

// Mesos-DNS is served by an httptest fake for /v1/version and by a fake
// DNS server on loopback for the A records.
func TestProbeMesosDNS(t *testing.T) {
	addrs := []string{"127.0.0.11", "127.0.0.12", "127.0.0.13"}
	tests := []struct {
		name    string
		tweak   func(*stacktest.DNS, *fakeLab)
		status  map[string]Status
		finding map[string]string
	}{
		{"healthy", func(*stacktest.DNS, *fakeLab) {},
			map[string]Status{"mesos-dns/dns/master1": StatusOK, "mesos-dns/dns/master3": StatusOK, "mesos-dns/master2": StatusOK},
			map[string]string{"mesos-dns/dns/master2": "leader.mesos. 127.0.0.11, master.mesos. 127.0.0.11", "mesos-dns/master1": "Mesos-DNS v0.7.0-rc2"}},
		{"stale leader", func(d *stacktest.DNS, _ *fakeLab) { d.Set("127.0.0.13", "leader.mesos.", "127.0.0.12") },
			map[string]Status{"mesos-dns/dns/master3": StatusFail, "mesos-dns/dns/master1": StatusOK},
			map[string]string{"mesos-dns/dns/master3": "leader.mesos. is 127.0.0.12, but the Mesos leader is master1 (127.0.0.11)"}},
		{"all masters listed", func(d *stacktest.DNS, _ *fakeLab) {
			d.Set("127.0.0.11", "master.mesos.", "127.0.0.13", "127.0.0.11", "127.0.0.12")
		},
			map[string]Status{"mesos-dns/dns/master1": StatusOK},
			map[string]string{"mesos-dns/dns/master1": "master.mesos. 127.0.0.11 127.0.0.12 127.0.0.13"}},
		{"leader missing from master.mesos", func(d *stacktest.DNS, _ *fakeLab) { d.Set("127.0.0.12", "master.mesos.", "127.0.0.13") },
			map[string]Status{"mesos-dns/dns/master2": StatusFail},
			map[string]string{"mesos-dns/dns/master2": "lacks the leader master1"}},
		{"stranger in master.mesos", func(d *stacktest.DNS, _ *fakeLab) { d.Set("127.0.0.12", "master.mesos.", "127.0.0.11", "127.0.0.99") },
			map[string]Status{"mesos-dns/dns/master2": StatusFail},
			map[string]string{"mesos-dns/dns/master2": "includes 127.0.0.99, not a master"}},
		{"nxdomain", func(d *stacktest.DNS, _ *fakeLab) { d.Remove("127.0.0.11", "leader.mesos.") },
			map[string]Status{"mesos-dns/dns/master1": StatusFail},
			map[string]string{"mesos-dns/dns/master1": "leader.mesos. name not found (NXDOMAIN)"}},
		{"dns down", func(d *stacktest.DNS, _ *fakeLab) {}, // the target adds master4, where nothing listens
			map[string]Status{"mesos-dns/dns/master4": StatusFail},
			map[string]string{"mesos-dns/dns/master4": "): leader.mesos. connection refused"}},
		{"http down", func(_ *stacktest.DNS, f *fakeLab) { f.Set("127.0.0.12", "/v1/version", 404, "") },
			map[string]Status{"mesos-dns/master2": StatusFail, "mesos-dns/dns/master2": StatusOK},
			map[string]string{"mesos-dns/master2": "HTTP 404"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeLab(t)
			f.healthy(t)
			d := stacktest.NewDNS(t, addrs)
			for _, a := range addrs {
				d.Set(a, "leader.mesos.", "127.0.0.11")
				d.Set(a, "master.mesos.", "127.0.0.11")
			}
			tt.tweak(d, f)
			tgt := f.target()
			tgt.Components.MesosDNS = true
			tgt.Ports.DNS = d.Port
			if tt.name == "dns down" {
				tgt.Masters = append(tgt.Masters[:3:3], Node{"master4", "127.0.0.14"})
			}
			rep := probeFake(t, f, tgt)
			for id, st := range tt.status {
				wantCheck(t, rep, id, st)
			}
			for id, frag := range tt.finding {
				c := mustCheck(t, rep, id)
				if !strings.Contains(c.Finding, frag) {
					t.Errorf("%s: finding %q lacks %q", id, c.Finding, frag)
				}
			}
			if got := rep.MesosDNS[0]; got.Node.Name != "master1" || (tt.name == "healthy" && (got.Version != "v0.7.0-rc2" || len(got.Leader) != 1)) {
				t.Errorf("mesos-dns facts %+v", got)
			}
		})
	}
}
