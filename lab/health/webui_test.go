package health

import (
	"testing"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// One chooser for `status` and `ui`: the cases where the two used to
// differ (Mesos-DNS's path, Marathon's host) and the fall-backs.
func TestChooseWebUI(t *testing.T) {
	target := Target{Masters: testMasters, Components: AllComponents(), Ports: stack.DefaultPorts()}
	healthy := Report{
		Mesos: MesosFacts{Leader: testMasters[1], Masters: []MesosMaster{{Node: testMasters[0], Reached: true}}},
		Marathon: []MarathonInstance{
			{Node: testMasters[0], Version: "1.11.24", Leader: "master3.lab.example:8080"},
			{Node: testMasters[1], Version: "1.11.24", Leader: "master3.lab.example:8080"},
		},
		Chronos:  []ChronosInstance{{Node: testMasters[0]}, {Node: testMasters[1], API: "/v1/scheduler"}},
		MesosDNS: []MesosDNSInstance{{Node: testMasters[0]}, {Node: testMasters[2], Version: "0.6.0"}},
	}
	noLeaders := Report{
		Mesos:    MesosFacts{Masters: []MesosMaster{{Node: testMasters[0]}, {Node: testMasters[2], Reached: true}}},
		Marathon: []MarathonInstance{{Node: testMasters[0]}, {Node: testMasters[1], Version: "1.11.24", Leader: "elsewhere:8080"}},
	}
	tests := []struct {
		name, component string
		rep             Report
		want            string
		answered        bool
	}{
		{"mesos leader", WebUIMesos, healthy, "http://127.0.0.12:5050/", true},
		{"marathon's own leader", WebUIMarathon, healthy, "http://127.0.0.13:8080/", true},
		{"chronos first that answered", WebUIChronos, healthy, "http://127.0.0.12:4400/", true},
		{"mesos-dns record listing", WebUIMesosDNS, healthy, "http://127.0.0.13:8123/v1/enumerate", true},
		{"mesos no leader: first reached", WebUIMesos, noLeaders, "http://127.0.0.13:5050/", false},
		{"marathon leader unknown: first that answered", WebUIMarathon, noLeaders, "http://127.0.0.12:8080/", true},
		{"chronos silent: first master", WebUIChronos, noLeaders, "http://127.0.0.11:4400/", false},
		{"unknown", "zookeeper", healthy, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ChooseWebUI(tt.rep, target, tt.component)
			if got.URL != tt.want || got.Answered != tt.answered {
				t.Errorf("ChooseWebUI = %q answered %v, want %q answered %v", got.URL, got.Answered, tt.want, tt.answered)
			}
		})
	}
	var names []string
	for _, w := range WebUIs(healthy, Target{Masters: testMasters, Components: Components{Mesos: true, MesosDNS: true}, Ports: stack.DefaultPorts()}) {
		names = append(names, w.Name)
	}
	if len(names) != 2 || names[0] != "Mesos" || names[1] != "Mesos-DNS" {
		t.Errorf("WebUIs of Mesos and Mesos-DNS = %v", names)
	}
}
