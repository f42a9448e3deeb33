package recipes

import (
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// TestMesosRefusesAnOldAventerMesos: after the package step the installed
// aventer-mesos must be 1.11.0-0.7.1 or later, by Debian's version order;
// an older one fails before the daemon restarts, naming the key to change.
// The repository is labNode's, as AVENTER's cannot be reached here.
func TestMesosRefusesAnOldAventerMesos(t *testing.T) {
	tests := []struct {
		name, offered, pinned string
		key                   string // "": provisioning passes
	}{
		{"the suite's newest is too old", "1.11.0-0.6.0.debian12", "", "sources.mesos.repo"},
		{"pinned too old", "1.11.0-0.7.0.debian12", "1.11.0-0.7.0.debian12", "sources.mesos.version"},
		{"the first good build", "1.11.0-0.7.1", "", ""},
		{"a Debian 12 build of it", "1.11.0-0.7.1.debian12", "", ""},
		{"0.10 is newer than 0.9", "1.11.0-0.10.0.debian12", "1.11.0-0.10.0.debian12", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, node := range []string{"master1", "agent1"} {
				c := testCluster("default", 1, 1)
				c.Sources.MesosVersion = tt.pinned
				f := newLabNode(t, c.node(node))
				f.Repos[mesosList].Offers["aventer-mesos"] = tt.offered
				recipe, unit := MesosMaster, "mesos-master"
				if node == "agent1" {
					recipe, unit = Agent, "mesos-agent"
				}
				err := f.provision(recipe(c, f.node))
				if tt.key == "" {
					if err != nil {
						t.Errorf("%s: %v", node, err)
					}
					continue
				}
				provisiontest.WantSourceError(t, err, tt.key,
					"it installed aventer-mesos "+tt.offered+", older than 1.11.0-0.7.1",
					"fix: set sources.mesos.version to 1.11.0-0.7.1 or later", "or point sources.mesos.repo at a repository that has one")
				if changes := strings.Join(f.TakeChanges(), "\n"); strings.Contains(changes, "restart "+unit) {
					t.Errorf("%s: %s was restarted on the old build:\n%s", node, unit, changes)
				}
			}
		})
	}
}

// Another package than AVENTER's numbers its versions its own way, so the
// check is left out for it.
func TestMesosVersionCheckIsAventerOnly(t *testing.T) {
	c := testCluster("default", 1, 1)
	has := func() bool {
		for _, s := range MesosMaster(c, c.node("master1")) {
			if strings.HasSuffix(s.Name(), " 1.11.0-0.7.1 or later installed") {
				return true
			}
		}
		return false
	}
	if !has() {
		t.Error("the master's steps do not check the aventer-mesos version")
	}
	c.Sources.MesosPackage = "mesos"
	if has() {
		t.Error("the master's steps check the version of a package that is not aventer-mesos")
	}
}
