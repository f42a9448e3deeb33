package lab

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/vagrant"
	"github.com/mesoslab/mesoslab/vagrant/vagranttest"
)

// makeLab writes a lab under home: built (lab.json), configured
// (mesoslab.yaml) or neither, with Vagrant machine ids for the given nodes.
func makeLab(t *testing.T, home string, s config.Spec, how string, machines ...string) Dir {
	t.Helper()
	d := DirFor(home, s.Name)
	if err := os.MkdirAll(d.Logs(), 0o755); err != nil {
		t.Fatal(err)
	}
	switch how {
	case "built":
		if err := SaveSpec(d, s); err != nil {
			t.Fatal(err)
		}
	case "configured":
		data, err := config.InitFile(s)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(d.Config(), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range machines {
		p := filepath.Join(d.Root, ".vagrant", "machines", m, s.Provider, "id")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

func named(name string, edit func(*config.Spec)) config.Spec {
	s := config.Default()
	s.Name = name
	if edit != nil {
		edit(&s)
	}
	return s
}

func TestListLabs(t *testing.T) {
	home := t.TempDir()
	makeLab(t, home, named("alpha", func(s *config.Spec) { s.Provider = "docker"; s.Masters, s.Agents = 1, 2 }), "built", "master1", "agent1", "agent2")
	makeLab(t, home, named("beta", func(s *config.Spec) { s.Subnet = "192.168.57.0/24"; s.SSHPortBase = 2400 }), "configured")
	makeLab(t, home, named("gamma", nil), "built") // built spec, no machines: never asks Vagrant
	makeLab(t, home, named("delta", nil), "built", "master1")
	asked := map[string]int{}
	noVagrant := vagranttest.New(nil)
	noVagrant.FailStatus(errors.New("vagrant is not installed"))
	drivers := map[string]vagrant.Driver{
		DirFor(home, "alpha").Root: vagranttest.New(map[string]string{"master1": "running", "agent1": "running", "agent2": "poweroff"}),
		DirFor(home, "delta").Root: noVagrant,
	}
	b := Backends{Vagrant: func(dir string) vagrant.Driver { asked[dir]++; return drivers[dir] }}
	labs, err := ListLabs(context.Background(), b, home)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name, provider, state, subnet string
		nodes                         int
		built                         bool
		ports                         [2]int
		problem                       string
	}{
		{"alpha", "docker", "2 running, 1 poweroff", "192.168.56.0/24", 3, true, [2]int{2301, 2303}, ""},
		{"beta", "virtualbox", "not created", "192.168.57.0/24", 6, false, [2]int{2401, 2406}, ""},
		{"delta", "virtualbox", "unknown", "192.168.56.0/24", 6, true, [2]int{2301, 2306}, "vagrant is not installed"},
		{"gamma", "virtualbox", "not created", "192.168.56.0/24", 6, true, [2]int{2301, 2306}, ""},
	}
	if len(labs) != len(want) {
		t.Fatalf("got %d labs, want %d: %+v", len(labs), len(want), labs)
	}
	for i, w := range want {
		l := labs[i]
		if l.Name != w.name || l.Provider != w.provider || l.State != w.state || l.Subnet != w.subnet ||
			len(l.Nodes) != w.nodes || l.Built != w.built || l.SSHPorts != w.ports || !strings.Contains(l.Problem, w.problem) {
			t.Errorf("lab %d = %+v, want %+v", i, l, w)
		}
	}
	if asked[DirFor(home, "gamma").Root] != 0 || asked[DirFor(home, "beta").Root] != 0 {
		t.Errorf("asked Vagrant about labs without machines: %v", asked)
	}
}

func TestListLabsEmptyHome(t *testing.T) {
	labs, err := ListLabs(context.Background(), Backends{}, t.TempDir())
	if err != nil || len(labs) != 0 {
		t.Errorf("ListLabs of an empty home = %v, %v", labs, err)
	}
}

// TestAvoidCollisions: a new lab left at the defaults moves off another
// lab's subnet and ports; one set by the user fails naming both labs.
func TestAvoidCollisions(t *testing.T) {
	tests := []struct {
		name       string
		existing   []config.Spec
		how        string
		spec       config.Spec
		userSet    string // the key the user set, if any
		wantSubnet string
		wantBase   int
		wantErr    []string
	}{
		{"alone", nil, "built", named("two", nil), "", config.DefaultSubnet, config.DefaultSSHPortBase, nil},
		{"defaults move", []config.Spec{named("default", nil)}, "built", named("two", nil), "", "192.168.57.0/24", 2400, nil},
		{"a configured lab counts", []config.Spec{named("default", nil)}, "configured", named("two", nil), "", "192.168.57.0/24", 2400, nil},
		{"a lab directory without spec or config does not", []config.Spec{named("default", nil)}, "", named("two", nil), "", config.DefaultSubnet, config.DefaultSSHPortBase, nil},
		{"next free past two labs", []config.Spec{named("default", nil), named("b", func(s *config.Spec) { s.Subnet = "192.168.57.0/24"; s.SSHPortBase = 2400 })}, "built",
			named("c", nil), "", "192.168.58.0/24", 2500, nil},
		{"own lab is no collision", []config.Spec{named("two", nil)}, "built", named("two", nil), "", config.DefaultSubnet, config.DefaultSSHPortBase, nil},
		{"subnet set by the user", []config.Spec{named("default", func(s *config.Spec) { s.Subnet = "192.168.60.0/24" })}, "built",
			named("two", func(s *config.Spec) { s.Subnet = "192.168.60.0/25"; s.SSHPortBase = 2900 }), "subnet", "", 0,
			[]string{`subnet = "192.168.60.0/25"`, `lab "default" uses 192.168.60.0/24 already`, "give lab two another subnet", "mesoslab destroy --lab default"}},
		{"port base set by the user", []config.Spec{named("default", nil)}, "built",
			named("two", func(s *config.Spec) { s.Subnet = "192.168.61.0/24"; s.SSHPortBase = 2303 }), "ssh_port_base", "", 0,
			[]string{`ssh_port_base = "2303"`, `lab "default" forwards SSH port 2304 already`, "e.g. 2403"}},
		{"loopback labs are left alone", []config.Spec{named("default", func(s *config.Spec) { s.Subnet = "127.0.77.0/24" })}, "built",
			named("two", func(s *config.Spec) { s.Subnet = "127.0.77.0/24" }), "subnet", "127.0.77.0/24", config.DefaultSSHPortBase, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			for _, e := range tt.existing {
				makeLab(t, home, e, tt.how)
			}
			got, err := AvoidCollisions(home, tt.spec, func(k string) bool { return k == tt.userSet })
			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("no error; spec %s %d", got.Subnet, got.SSHPortBase)
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error does not say %q:\n%v", w, err)
					}
				}
				return
			}
			if err != nil || got.Subnet != tt.wantSubnet || got.SSHPortBase != tt.wantBase {
				t.Errorf("got %s %d %v, want %s %d", got.Subnet, got.SSHPortBase, err, tt.wantSubnet, tt.wantBase)
			}
		})
	}
}

// TestResolveMovesANewLabOffAnother: resolving a second lab's defaults
// gives it its own network; a built lab keeps what it was built with; a
// file that writes the taken subnet, even the default one, is an error.
func TestResolveMovesANewLabOffAnother(t *testing.T) {
	home := t.TempDir()
	makeLab(t, home, named("default", nil), "built")
	r, err := Resolve(ResolveOptions{Home: home, Lab: "two"})
	if err != nil || r.Spec.Subnet != "192.168.57.0/24" || r.Spec.SSHPortBase != 2400 {
		t.Fatalf("new lab: %s %d %v", r.Spec.Subnet, r.Spec.SSHPortBase, err)
	}
	if err := SaveSpec(r.Dir, named("two", nil)); err != nil {
		t.Fatal(err)
	}
	if r, err := Resolve(ResolveOptions{Home: home, Lab: "two"}); err != nil || r.Spec.Subnet != config.DefaultSubnet {
		t.Errorf("built lab moved: %s %v", r.Spec.Subnet, err)
	}
	three := filepath.Join(t.TempDir(), "three.yaml")
	if err := os.WriteFile(three, []byte("name: three\nsubnet: 192.168.56.0/24\nssh_port_base: 2900\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Resolve(ResolveOptions{Home: home, ConfigPath: three})
	if err == nil || !strings.Contains(err.Error(), `subnet = "192.168.56.0/24": lab "default" uses 192.168.56.0/24 already`) {
		t.Errorf("subnet written in the file moved or passed: %v", err)
	}
	sub := "192.168.56.0/24"
	_, err = Resolve(ResolveOptions{Home: home, Lab: "four", Flags: config.Overrides{Subnet: &sub}})
	if err == nil || !strings.Contains(err.Error(), `lab "default" uses`) {
		t.Errorf("--subnet of a taken network passed: %v", err)
	}
}
