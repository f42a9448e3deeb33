package recipes

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// The environment files of the Mesos packaging, as AVENTER's tree
// (m3scluster/clusterd, support/packaging/common/mesos-master and
// mesos-agent, commit 5ce2c80bd) has them; its deb does not install them
// today. A later one that did would hand the wrapper these flags.
const (
	packagedMasterDefaults = "PORT=5050\nZK=`cat /etc/mesos/zk`\n"
	packagedAgentDefaults  = "MASTER=`cat /etc/mesos/zk`\n"
)

// TestMesosWritesZKFile: /etc/mesos/zk holds the lab's Mesos URL on every
// node, for the wrapper's files that read it.
func TestMesosWritesZKFile(t *testing.T) {
	c := testCluster("default", 3, 3)
	for name, recipe := range map[string]func(Cluster, Node) []provision.Step{"master2": MesosMaster, "agent1": Agent} {
		f := newLabNode(t, c.node(name))
		if err := f.provision(recipe(c, f.node)); err != nil {
			t.Fatal(err)
		}
		want := "zk://192.168.56.11:2181,192.168.56.12:2181,192.168.56.13:2181/mesos\n"
		if got := f.Files["/etc/mesos/zk"]; got.Content != want || got.Mode != "644" {
			t.Errorf("%s: /etc/mesos/zk is %q mode %s, want %q", name, got.Content, got.Mode, want)
		}
	}
}

// TestMesosRefusesForeignFlagFiles: a package that ships the wrapper's
// files, or a person who wrote some, makes provisioning fail before the
// daemon restarts, naming each file and what it sets. Files the node's
// daemon does not read, comments and dpkg's leftovers pass.
func TestMesosRefusesForeignFlagFiles(t *testing.T) {
	c := testCluster("default", 3, 3)
	tests := []struct {
		name, node string
		ships      map[string]string
		want       []string // in the error; none: provisioning passes
	}{
		{"a later deb's master defaults", "master1", map[string]string{"/etc/default/mesos-master": packagedMasterDefaults},
			[]string{"mesos-master would not run with the lab's flags alone",
				"/etc/systemd/system/mesos-master.service.d/mesoslab.conf",
				"/etc/default/mesos-master sets PORT=5050; ZK=`cat /etc/mesos/zk`",
				"fix: remove them (sudo rm -- /etc/default/mesos-master on the node)"}},
		{"a later deb's agent defaults", "agent2", map[string]string{"/etc/default/mesos-agent": packagedAgentDefaults},
			[]string{"mesos-agent would not run", "/etc/default/mesos-agent sets MASTER=`cat /etc/mesos/zk`"}},
		{"flag files of the master", "master3", map[string]string{"/etc/mesos-master/quorum": "1\n", "/etc/mesos-master/?hostname_lookup": ""},
			[]string{"/etc/mesos-master/?hostname_lookup becomes a --hostname_lookup flag",
				"/etc/mesos-master/quorum becomes a --quorum flag",
				"sudo rm -- '/etc/mesos-master/?hostname_lookup' /etc/mesos-master/quorum on the node"}},
		{"shared defaults and agent attributes", "agent1", map[string]string{"/etc/default/mesos": "ULIMIT=-n 8192\n", "/etc/mesos-agent/attributes/rack": "north\n"},
			[]string{"/etc/default/mesos sets ULIMIT=-n 8192", "/etc/mesos-agent/attributes/rack becomes part of the --attributes flag"}},
		{"comments only", "master1", map[string]string{"/etc/default/mesos": "# MESOS_QUORUM=1\n\n   # nothing here\n"}, nil},
		{"dpkg's leftovers", "agent1", map[string]string{"/etc/mesos-agent/ip.dpkg-dist": "10.0.0.1\n"}, nil},
		{"the other daemon's files", "master1", map[string]string{"/etc/default/mesos-agent": packagedAgentDefaults, "/etc/mesos-agent/port": "5052\n"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newLabNode(t, c.node(tt.node))
			f.ships["aventer-mesos"] = tt.ships
			recipe, unit := Agent, "mesos-agent"
			if strings.HasPrefix(tt.node, "master") {
				recipe, unit = MesosMaster, "mesos-master"
			}
			err := f.provision(recipe(c, f.node))
			if tt.want == nil {
				if err != nil {
					t.Fatalf("provisioning failed on harmless files: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("provisioning passed although the wrapper would override the lab's flags")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the error does not say %q:\n%v", w, err)
				}
			}
			if got := strings.Join(f.TakeChanges(), "\n"); strings.Contains(got, "restart "+unit) {
				t.Errorf("%s was restarted with the foreign flags:\n%s", unit, got)
			}
		})
	}
}

// TestFlagFilesRealShell runs the flag-file check's script in a real bash
// with real grep, sed and find, under a directory standing for the node's
// root.
func TestFlagFilesRealShell(t *testing.T) {
	for _, cmd := range []string{"bash", "grep", "sed", "find", "sort"} {
		testenv.NeedCommand(t, cmd)
	}
	root := t.TempDir()
	step := &flagFilesStep{unit: "mesos-agent", dropIn: mesosDropInPath("mesos-agent"), root: root}
	ctx := context.Background()
	check := func(wantOK bool) {
		t.Helper()
		ok, err := step.Check(ctx, provisiontest.Local{})
		if err != nil || ok != wantOK {
			t.Fatalf("Check = %v, %v; want %v", ok, err, wantOK)
		}
	}
	write := func(path, content string) {
		t.Helper()
		p := filepath.Join(root, path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	check(true) // nothing there: a fresh node
	write("etc/default/mesos", "# set nothing\n\n")
	write("etc/mesos-agent/resources/cpus.rpmnew", "4\n")
	write("etc/mesos-master/quorum", "1\n") // the master's, not the agent's
	check(true)

	write("etc/default/mesos-agent", "# from the packaging\n"+packagedAgentDefaults)
	write("etc/mesos-agent/?no-switch_user", "")
	check(false)
	err := step.Apply(ctx, provisiontest.Local{})
	if err == nil {
		t.Fatal("Apply passed with foreign flag files")
	}
	for _, want := range []string{
		"\n  /etc/default/mesos-agent sets MASTER=`cat /etc/mesos/zk`\n",
		"\n  /etc/mesos-agent/?no-switch_user becomes a --no-switch_user flag\n",
		"sudo rm -- /etc/default/mesos-agent '/etc/mesos-agent/?no-switch_user' on the node",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), root) || strings.Contains(err.Error(), "quorum") || strings.Contains(err.Error(), "rpmnew") {
		t.Errorf("the error names a file the agent does not read, or the test's root:\n%v", err)
	}
}
