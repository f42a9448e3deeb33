package workshop

import (
	"errors"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/stack"
)

func TestUIURL(t *testing.T) {
	target := health.Target{Masters: testMasters, Agents: testAgents, Components: health.AllComponents(), Ports: stack.DefaultPorts()}
	healthy := health.Report{
		Mesos: health.MesosFacts{Leader: testMasters[1]},
		Marathon: []health.MarathonInstance{
			{Node: testMasters[0], Version: "1.11.24", Leader: "master3:8080"},
			{Node: testMasters[1], Version: "1.11.24", Leader: "master3:8080"},
			{Node: testMasters[2], Version: "1.11.24", Leader: "master3:8080"},
		},
		Chronos:  []health.ChronosInstance{{Node: testMasters[0]}, {Node: testMasters[1], API: "/v1/scheduler"}},
		MesosDNS: []health.MesosDNSInstance{{Node: testMasters[0], Version: "0.6.0"}},
	}
	down := health.Report{
		Marathon: []health.MarathonInstance{{Node: testMasters[0]}},
		Checks: []health.Check{
			{ID: "mesos/leader", Status: health.StatusFail, Finding: "no Mesos master is elected"},
			{ID: "marathon/master1", Status: health.StatusFail, Finding: "Marathon on master1 (192.168.56.11:8080) does not answer: connection refused"},
			{ID: "chronos/master1", Status: health.StatusOK, Finding: "fine"},
		},
	}
	off := target
	off.Components = health.Components{ZooKeeper: true}
	tests := []struct {
		component string
		rep       health.Report
		target    health.Target
		want      string
		wantErr   string
		wantOff   bool
	}{
		{"mesos", healthy, target, "http://127.0.0.12:5050/", "", false},
		// Marathon's leader, mapped from its advertised name to a master.
		{"marathon", healthy, target, "http://127.0.0.13:8080/", "", false},
		{"chronos", healthy, target, "http://127.0.0.12:4400/", "", false},
		{"dns", healthy, target, "http://127.0.0.11:8123/v1/enumerate", "", false},
		{"mesos", down, target, "", "Mesos does not answer on any master: no Mesos master is elected", false},
		{"marathon", down, target, "", "Marathon does not answer on any master: Marathon on master1 (192.168.56.11:8080) does not answer: connection refused; see `mesoslab ssh master1 -- sudo journalctl -u marathon`", false},
		{"chronos", down, target, "", "Chronos does not answer on any master: no instance answered", false},
		{"marathon", healthy, off, "", "Marathon is switched off in this lab (components.marathon: false)", true},
		{"dns", healthy, off, "", "Mesos-DNS is switched off in this lab (components.mesos_dns: false)", true},
		{"zookeeper", healthy, target, "", `unknown component "zookeeper": use one of mesos, marathon, chronos, dns`, false},
	}
	// `mesoslab ui` opens what `mesoslab status` prints.
	for _, w := range health.WebUIs(healthy, target) {
		if got, err := UIURL(healthy, target, w.Component); err != nil || got != w.URL {
			t.Errorf("UIURL(%s) = %q, %v; status prints %q", w.Component, got, err, w.URL)
		}
	}
	for _, tt := range tests {
		t.Run(tt.component+"/"+tt.want+tt.wantErr, func(t *testing.T) {
			got, err := UIURL(tt.rep, tt.target, tt.component)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if errors.Is(err, ErrSwitchedOff) != tt.wantOff {
					t.Errorf("errors.Is(ErrSwitchedOff) = %v", !tt.wantOff)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("UIURL = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestBrowserCommand(t *testing.T) {
	const url = "http://127.0.0.12:5050/"
	tests := []struct{ goos, want string }{
		{"linux", "xdg-open " + url},
		{"freebsd", "xdg-open " + url},
		{"darwin", "open " + url},
		{"windows", "rundll32 url.dll,FileProtocolHandler " + url},
	}
	for _, tt := range tests {
		name, args := BrowserCommand(tt.goos, url)
		if got := name + " " + strings.Join(args, " "); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.goos, got, tt.want)
		}
	}
}

func TestCanOpenBrowser(t *testing.T) {
	env := func(vars ...string) func(string) string {
		return func(k string) string {
			for _, v := range vars {
				if v == k {
					return "set"
				}
			}
			return ""
		}
	}
	tests := []struct {
		goos     string
		getenv   func(string) string
		terminal bool
		want     bool
	}{
		{"linux", env("DISPLAY"), true, true},
		{"linux", env("WAYLAND_DISPLAY"), true, true},
		{"linux", env(), true, false},
		{"linux", env("DISPLAY"), false, false},
		{"darwin", env(), true, true},
		{"darwin", env(), false, false},
		{"windows", env(), true, true},
	}
	for _, tt := range tests {
		if got := CanOpenBrowser(tt.goos, tt.getenv, tt.terminal); got != tt.want {
			t.Errorf("CanOpenBrowser(%s, terminal %v) = %v, want %v", tt.goos, tt.terminal, got, tt.want)
		}
	}
}
