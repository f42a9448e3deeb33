package provision_test

import (
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

const (
	pkgQuery   = `^dpkg-query -W`
	pkgInstall = `apt-get install`
	pkgUpdate  = `^apt-get update`
	dpkgRepair = `dpkg --configure -a`
)

func TestPackageWithFakeNode(t *testing.T) {
	both := "ii |zookeeperd|3.8.0-11\nii |openjdk-17-jre-headless|17.0.12\n"
	cases := []struct {
		name       string
		names      []string
		before     string
		after      string
		installRC  []int // exit codes of successive installs
		installErr string
		dryRun     bool
		want       provision.Outcome
		wantErr    string
		installs   int
		updates    int
		repairs    int
	}{
		{name: "all installed", before: both, want: provision.Unchanged},
		{name: "one missing", before: "ii |zookeeperd|3.8.0-11\n", after: both, want: provision.Changed, installs: 1},
		{name: "removed but configured is missing", before: "rc |zookeeperd|3.8.0-11\nii |openjdk-17-jre-headless|17.0.12\n", after: both, want: provision.Changed, installs: 1},
		{name: "pinned version matches", names: []string{"zookeeperd=3.8.0-11"}, before: both, want: provision.Unchanged},
		{name: "pinned version differs", names: []string{"zookeeperd=3.9.0-1"}, before: both, after: "ii |zookeeperd|3.9.0-1\n", want: provision.Changed, installs: 1},
		{name: "dry run", before: "", dryRun: true, want: provision.WouldChange},
		{name: "stale package lists", before: "", after: both, installRC: []int{100, 0}, installErr: "E: Unable to locate package zookeeperd\n",
			want: provision.Changed, installs: 2, updates: 1},
		{name: "interrupted dpkg is repaired", before: "iU |zookeeperd|3.8.0-11\n", after: both, installRC: []int{100, 0},
			installErr: "E: dpkg was interrupted, you must manually run 'dpkg --configure -a' to correct the problem.\n",
			want:       provision.Changed, installs: 2, repairs: 1},
		{name: "lock held", before: "", installRC: []int{100}, installErr: "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4586 (unattended-upgr)\n",
			want: provision.Failed, installs: 1, wantErr: "/var/lib/dpkg/lock-frontend still held by process 4586 (unattended-upgr) after waiting 2m0s"},
		{name: "install fails", before: "", installRC: []int{100}, installErr: "E: Broken packages\n",
			want: provision.Failed, installs: 1, wantErr: "exited with status 100"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			names := tc.names
			if names == nil {
				names = []string{"zookeeperd", "openjdk-17-jre-headless"}
			}
			node := provisiontest.New("master1")
			node.On(pkgQuery).Times(1).Stdout(tc.before)
			node.On(pkgQuery).Stdout(tc.after)
			for _, rc := range tc.installRC {
				node.On(pkgInstall).Times(1).Exit(rc).Stderr(map[bool]string{true: tc.installErr}[rc != 0])
			}
			node.On(pkgInstall)
			node.On(pkgUpdate)
			node.On(dpkgRepair)

			got, err := converge(t, node, provision.Package(provision.PackageSpec{Names: names}), tc.dryRun)
			if got != tc.want || (err != nil) != (tc.wantErr != "") || (err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("got %s, %v; want %s and an error saying %q", got, err, tc.want, tc.wantErr)
			}
			if r := node.Count(dpkgRepair); r != tc.repairs {
				t.Fatalf("%d dpkg repairs, want %d: %q", r, tc.repairs, node.CommandLines())
			}
			if n, u := node.Count(pkgInstall), node.Count(pkgUpdate); n != tc.installs || u != tc.updates {
				t.Fatalf("%d installs and %d updates, want %d and %d: %q", n, u, tc.installs, tc.updates, node.CommandLines())
			}
			for _, c := range node.Commands() {
				if strings.Contains(c.Cmd, "apt-get") && !c.Sudo {
					t.Errorf("apt-get without sudo: %s", c.Cmd)
				}
			}
			if len(node.Unmatched()) > 0 {
				t.Fatalf("unexpected commands %q", node.Unmatched())
			}
		})
	}
}

func TestPackageInstallCommand(t *testing.T) {
	node := provisiontest.New("agent1")
	node.On(pkgQuery).Times(1)
	node.On(pkgQuery).Stdout("ii |docker.io|24.0\nii |mesos|1.11.0\n")
	node.On(pkgInstall)
	step := provision.Package(provision.PackageSpec{Names: []string{"docker.io", "mesos=1.11.0"}, LockTimeout: 90 * time.Second})
	if got, err := converge(t, node, step, false); got != provision.Changed || err != nil {
		t.Fatalf("got %s, %v", got, err)
	}
	lines := node.CommandLines()
	want := "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=90 -- docker.io 'mesos=1.11.0'"
	if len(lines) != 3 || lines[1] != want {
		t.Fatalf("install command %q, want %q", lines, want)
	}
	if !strings.Contains(lines[0], " -- docker.io mesos 2>/dev/null") {
		t.Fatalf("the query should name the packages without versions: %s", lines[0])
	}
}

func TestPackageWithoutNamesIsUnchanged(t *testing.T) {
	node := provisiontest.New("agent1")
	if got, err := converge(t, node, provision.Package(provision.PackageSpec{}), false); got != provision.Unchanged || err != nil || len(node.Commands()) != 0 {
		t.Fatalf("got %s, %v, %q", got, err, node.CommandLines())
	}
}

// TestPackageQueryInARealShell runs the check on this Debian machine, where
// bash is installed and a made-up package is not.
func TestPackageQueryInARealShell(t *testing.T) {
	needBash(t)
	testenv.NeedCommand(t, "dpkg-query")
	for _, tc := range []struct {
		names []string
		want  provision.Outcome
	}{
		{[]string{"bash"}, provision.Unchanged},
		{[]string{"bash", "mesoslab-no-such-package"}, provision.WouldChange},
	} {
		got, err := converge(t, provisiontest.Local{}, provision.Package(provision.PackageSpec{Names: tc.names}), true)
		if err != nil || got != tc.want {
			t.Fatalf("%v: %s, %v; want %s", tc.names, got, err, tc.want)
		}
	}
}
