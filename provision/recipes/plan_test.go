package recipes

import (
	"slices"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// TestPlanRunsWaitsAfterEveryNodeApplied checks that a component's trailing
// waits form their own phase, so no node waits on an ensemble that the
// nodes after it have not joined yet, and that switched-off components are
// left out with what depends on them.
func TestPlanRunsWaitsAfterEveryNodeApplied(t *testing.T) {
	c := fixtureDefaultLab()
	runners := map[string]provision.Runner{}
	for _, n := range c.Nodes {
		runners[n.Name] = provisiontest.New(n.Name)
	}
	var names []string
	for _, ph := range Plan(c, runners) {
		names = append(names, ph.Name)
		for _, tg := range ph.Targets {
			for _, s := range tg.Steps {
				if provision.IsWait(s) != strings.HasSuffix(ph.Name, "-ready") {
					t.Errorf("phase %s, node %s: step %q is in the wrong phase", ph.Name, tg.Node, s.Name())
				}
			}
		}
	}
	want := []string{"base", "zookeeper", "zookeeper-ready", "mesos-master", "mesos-master-ready", "marathon", "marathon-ready",
		"chronos", "chronos-ready", "mesos-dns", "mesos-dns-ready", "agent", "agent-ready", "resolver", "resolver-ready"}
	if !slices.Equal(names, want) {
		t.Errorf("phases = %v\nwant     %v", names, want)
	}
	c.Components = Components{ZooKeeper: true}
	names = nil
	for _, ph := range Plan(c, runners) {
		names = append(names, ph.Name)
	}
	if !slices.Equal(names, []string{"base", "zookeeper", "zookeeper-ready"}) {
		t.Errorf("ZooKeeper-only phases = %v", names)
	}
}
