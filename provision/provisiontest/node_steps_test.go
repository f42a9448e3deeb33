package provisiontest_test

import (
	"slices"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// The recipes check a directory two ways, by existence or by owner and
// mode; both read and change one model of the node's directories.
func TestNodeDirectories(t *testing.T) {
	for _, tc := range []struct {
		name         string
		check, apply string
		want         provisiontest.Dir
	}{
		{"by existence", "test -d /var/lib/mesos", "install -d -m 0755 -- /var/lib/mesos",
			provisiontest.Dir{Owner: "root:root", Mode: "755"}},
		{"by owner and mode", `[ "$(stat -c %U:%G:%a -- /var/lib/mesos 2>/dev/null)" = zookeeper:zookeeper:750 ]`,
			"install -d -o zookeeper -g zookeeper -m 0750 -- /var/lib/mesos", provisiontest.Dir{Owner: "zookeeper:zookeeper", Mode: "750"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := provisiontest.NewNode(t, "master1")
			step := provision.Shell(provision.ShellSpec{Name: "dir", Check: tc.check, Apply: tc.apply})
			for run, changed := range []int{1, 0} {
				rep, err := n.Provision([]provision.Step{step})
				if err != nil || rep.Changed != changed {
					t.Fatalf("run %d: changed %d, %v; want %d changed", run+1, rep.Changed, err, changed)
				}
			}
			if got := n.Dirs["/var/lib/mesos"]; got != tc.want {
				t.Errorf("directory %+v, want %+v", got, tc.want)
			}
			if got := n.ChangingCommands(); !slices.Equal(got, []string{tc.apply}) {
				t.Errorf("changing commands %q, want the one install -d", got)
			}
		})
	}
}

// A unit file makes a unit; a restart to read a changed file counts and
// runs the unit's OnRestart hook.
func TestNodeServiceRestart(t *testing.T) {
	n := provisiontest.NewNode(t, "master1")
	reread := 0
	n.OnRestart["chronos"] = func() { reread++ }
	unit := provision.File(provision.FileSpec{Path: "/etc/systemd/system/chronos.service", Content: []byte("[Service]\n")})
	service := provision.Service(provision.ServiceSpec{Name: "chronos", Enabled: true, Running: true, RestartOn: []provision.Step{unit}})
	if _, err := n.Provision([]provision.Step{unit, service}); err != nil {
		t.Fatal(err)
	}
	n.SetFile("/etc/systemd/system/chronos.service", "[Service]\nRestart=no\n")
	if _, err := n.Provision([]provision.Step{unit, service}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"write /etc/systemd/system/chronos.service", "systemctl enable chronos", "systemctl start chronos",
		"write /etc/systemd/system/chronos.service", "systemctl restart chronos",
	}
	if got := n.TakeChanges(); !slices.Equal(got, want) {
		t.Errorf("changes %q, want %q", got, want)
	}
	if u := n.Units["chronos"]; !u.Enabled || !u.Active || n.Restarts["chronos"] != 1 || reread != 1 {
		t.Errorf("unit %+v, %d restart(s), hook ran %d time(s); want 1 and 1", *u, n.Restarts["chronos"], reread)
	}
}
