package recipes

import (
	"context"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// These tests run against labNode (see mesos_fakenode_test.go): Mesos
// cannot be installed on the build machine.

func TestMesosMasterFreshThenConverged(t *testing.T) {
	c := testCluster("default", 3, 3)
	f := newLabNode(t, c.node("master2"))
	provisionTwice(t, f, c, MesosMaster, []string{
		"apt-get install ca-certificates curl gpg",
		"write /etc/apt/keyrings/mesoslab-mesos.asc",
		"write /var/lib/mesoslab/apt-key-mesos.url",
		"write /etc/apt/sources.list.d/mesoslab-mesos.list",
		"apt-get update /etc/apt/sources.list.d/mesoslab-mesos.list",
		// The flags are in place before the package's postinst starts
		// the daemons.
		"write /etc/systemd/system/mesos-master.service.d/mesoslab.conf",
		"write /etc/mesos/zk",
		"apt-get install libcurl4-nss-dev libevent-dev libsasl2-modules libsvn1 libunwind8 aventer-mesos",
		"mkdir /var/lib/mesos/master",
		"systemctl disable mesos-agent",
		"systemctl stop mesos-agent",
		// Started by the postinst; restarted because its flags changed.
		"systemctl restart mesos-master",
	})
	if !f.Active("mesos-master") || f.Active("mesos-agent") || f.Units["mesos-agent"].Enabled {
		t.Errorf("a master should run mesos-master only: master %+v, agent %+v", *f.Units["mesos-master"], *f.Units["mesos-agent"])
	}
}

func TestMesosMasterPinsTheMesosVersion(t *testing.T) {
	c := testCluster("default", 1, 1)
	c.Sources.MesosVersion = "1.11.0-0.9.0.debian12"
	f := newLabNode(t, c.node("master1"))
	if err := f.provision(MesosMaster(c, f.node)); err != nil {
		t.Fatal(err)
	}
	if f.Packages["aventer-mesos"] != c.Sources.MesosVersion || f.Count(`apt-get install .* 'aventer-mesos=1\.11\.0-0\.9\.0\.debian12'$`) != 1 {
		t.Errorf("the pinned version was not installed: %q", f.Packages["aventer-mesos"])
	}

	c.Sources.MesosVersion = "1.11.0-0.4.0"
	f = newLabNode(t, c.node("master1"))
	err := f.provision(MesosMaster(c, f.node))
	provisiontest.WantSourceError(t, err, "sources.mesos.version", "aventer-mesos=1.11.0-0.4.0 is not in the repository", "fix: set sources.mesos.version")
	if f.Count(`apt-get install .*aventer-mesos`) != 0 {
		t.Error("the package was installed although the repository lacks its version")
	}
}

func TestMesosRecipesKeepToTheirRole(t *testing.T) {
	c := testCluster("default", 3, 3)
	for name, recipe := range map[string]func(Cluster, Node) []provision.Step{
		"MesosMaster": MesosMaster, "Marathon": Marathon, "Chronos": Chronos, "MesosDNS": MesosDNS,
	} {
		if steps := recipe(c, c.node("agent1")); steps != nil {
			t.Errorf("%s gives an agent %d steps", name, len(steps))
		}
		if steps := recipe(c, c.node("master1")); len(steps) == 0 {
			t.Errorf("%s gives a master no steps", name)
		}
	}
	if steps := Agent(c, c.node("master1")); steps != nil {
		t.Errorf("Agent gives a master %d steps", len(steps))
	}
}

func TestMesosRecipesEndWithTheirWait(t *testing.T) {
	c := testCluster("default", 3, 3)
	for name, steps := range map[string][]provision.Step{
		"MesosMaster": MesosMaster(c, c.node("master1")), "Marathon": Marathon(c, c.node("master1")),
		"Chronos": Chronos(c, c.node("master1")), "MesosDNS": MesosDNS(c, c.node("master1")),
		"Agent": Agent(c, c.node("agent1")), "Resolver": Resolver(c, c.node("agent1")),
	} {
		for i, s := range steps {
			if isWait := strings.HasPrefix(s.Name(), "wait for "); isWait != (i == len(steps)-1) {
				t.Errorf("%s: step %d of %d is %q: the wait must be last, and only there", name, i+1, len(steps), s.Name())
			}
		}
	}
}

func TestElectedProbe(t *testing.T) {
	masters := testCluster("default", 3, 0).Masters()
	tests := []struct {
		name    string
		answers []string // by master; "" = no answer
		wantErr string
	}{
		{"the second master leads", []string{`{"master/elected":0.0}`, `{"master/elected":1.0,"master/uptime_secs":3.1}`, `{"master/elected":0.0}`}, ""},
		{"integer form", []string{`{"master/elected":1}`, "", ""}, ""},
		{"standbys only", []string{`{"master/elected":0.0}`, `{"master/elected":0.0}`, `{"master/elected":0.0}`},
			"no Mesos master elected yet (192.168.56.11: not elected, 192.168.56.12: not elected, 192.168.56.13: not elected)"},
		{"down and starting", []string{"", "Service Unavailable", `{}`},
			"192.168.56.11: no answer, 192.168.56.12: unreadable metrics, 192.168.56.13: not elected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			node := provisiontest.New("master1")
			for i, m := range masters {
				rule := node.On(`^curl -sS --max-time 5 -- http://` + strings.ReplaceAll(m.IP, ".", `\.`) + `:5050/metrics/snapshot$`)
				if tt.answers[i] == "" {
					rule.Exit(7)
				} else {
					rule.Stdout(tt.answers[i])
				}
			}
			err := electedProbe(masters)(context.Background(), node)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("probe failed: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("probe error %v, want one saying %q", err, tt.wantErr)
			}
			if u := node.Unmatched(); len(u) > 0 {
				t.Errorf("unexpected commands: %q", u)
			}
		})
	}
}
