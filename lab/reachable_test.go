package lab

import (
	"context"
	"errors"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/doctor"
	"github.com/mesoslab/mesoslab/vagrant"
	"github.com/mesoslab/mesoslab/vagrant/vagranttest"
)

// routedHost is a host whose routing table the test sets, so the guard's
// decision is tested for any table without a packet sent. Only the
// routing questions of doctor.Host are answered; any other would panic on
// the nil embedded Host and show up in the test.
type routedHost struct {
	doctor.Host
	routes []doctor.Route
}

func (h routedHost) Routes(context.Context) ([]doctor.Route, error)         { return h.routes, nil }
func (h routedHost) Interfaces(context.Context) ([]doctor.Interface, error) { return nil, nil }

// labOnDisk is what a lab's folder holds before a command runs.
type labOnDisk int

const (
	nothingOnDisk      labOnDisk = iota // never created
	configOnly                          // after `mesoslab init`
	builtLab                            // mesoslab.yaml, lab.json and the Vagrantfile
	builtWithMachineID                  // and Vagrant's record of a created machine
)

// testLabOnDisk is a 3+1 container lab on 192.168.57.0/24 in a temporary
// home, its folder prepared as on says.
func testLabOnDisk(t *testing.T, on labOnDisk) (*config.Plan, Dir) {
	t.Helper()
	s := config.Default()
	s.Provider, s.Subnet, s.Agents = "docker", "192.168.57.0/24", 1
	p, err := config.NewPlan(s)
	if err != nil {
		t.Fatal(err)
	}
	d := DirFor(t.TempDir(), s.Name)
	files := map[string]string{}
	if on >= configOnly {
		files[d.Config()] = "provider: docker\n"
	}
	if on >= builtLab {
		files[d.Vagrantfile()] = "# test\n"
		if err := SaveSpec(d, s); err != nil {
			t.Fatal(err)
		}
	}
	if on >= builtWithMachineID {
		files[filepath.Join(d.Root, ".vagrant", "machines", "master1", "docker", "id")] = "0123abcd\n"
	}
	for path, content := range files {
		if err := WriteFileAtomic(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return p, d
}

func TestCheckReachable(t *testing.T) {
	bridge := []doctor.Route{{Prefix: netip.MustParsePrefix("192.168.57.0/24"), Iface: "br-634660c69185"}}
	vpn := []doctor.Route{{Prefix: netip.MustParsePrefix("192.168.57.0/25"), Iface: "tun0"}, bridge[0]}
	running := map[string]string{"master1": "running", "master2": "running", "master3": "running", "agent1": "poweroff"}
	tests := []struct {
		name     string
		lab      labOnDisk
		states   map[string]string
		routes   []doctor.Route
		loopback bool
		want     any // nil, *NotExistError or *UnroutedError
		wantMsg  string
	}{
		{name: "built and routed to the bridge", lab: builtLab, states: running, routes: bridge},
		{name: "a loopback lab needs neither machines nor routes", lab: nothingOnDisk, loopback: true},
		{name: "never created", lab: nothingOnDisk, routes: bridge, want: &NotExistError{},
			wantMsg: `lab "default" does not exist: run ` + "`mesoslab up` to build it"},
		{name: "a VPN takes part of the subnet", lab: builtLab, states: running, routes: vpn, want: &UnroutedError{},
			wantMsg: "master1 (192.168.57.11) is reached through tun0"},
		{name: "a stopped node's address is checked too", lab: builtLab, states: running,
			routes: append(bridge[:1:1], doctor.Route{Prefix: netip.MustParsePrefix("192.168.57.21/32"), Iface: "eth0"}), want: &UnroutedError{},
			wantMsg: "agent1 (192.168.57.21) is reached through eth0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, d := testLabOnDisk(t, tt.lab)
			if tt.loopback {
				p = loopbackPlan(t, 3, 1, allComponents())
			}
			drv := vagranttest.New(tt.states)
			b := Backends{Vagrant: func(string) vagrant.Driver { return drv }}
			if tt.routes != nil {
				b.Host = routedHost{routes: tt.routes}
			}
			err := handle(b, d, p).CheckReachable(context.Background())
			switch want := tt.want.(type) {
			case nil:
				if err != nil {
					t.Fatalf("err = %v", err)
				}
			case *NotExistError:
				if !errors.As(err, &want) {
					t.Fatalf("err = %v, want a *NotExistError", err)
				}
			case *UnroutedError:
				if !errors.As(err, &want) || !strings.Contains(err.Error(), "fix: `mesoslab up`") {
					t.Fatalf("err = %v, want an *UnroutedError with a fix", err)
				}
			}
			if err != nil && !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("err = %v, want %q", err, tt.wantMsg)
			}
			if tt.lab == nothingOnDisk && d.Exists() {
				t.Errorf("the check created %s", d.Root)
			}
		})
	}
}

// A lab never created: halt says so and leaves no folder, no lock file,
// and does not ask Vagrant.
func TestHaltOfALabNeverCreatedCreatesNothing(t *testing.T) {
	for _, on := range []labOnDisk{nothingOnDisk, configOnly} {
		p, d := testLabOnDisk(t, on)
		drv := vagranttest.New(nil)
		b := Backends{Vagrant: func(string) vagrant.Driver { return drv }}
		err := handle(b, d, p).Halt(context.Background(), nil)
		var ne *NotExistError
		if !errors.As(err, &ne) {
			t.Errorf("on disk %d: err = %v, want a *NotExistError", on, err)
		}
		if _, err := os.Stat(d.Lock()); err == nil {
			t.Errorf("on disk %d: halt left a lock file", on)
		}
		if on == nothingOnDisk && d.Exists() {
			t.Errorf("halt created %s", d.Root)
		}
		if calls := drv.Calls(); len(calls) > 0 {
			t.Errorf("on disk %d: halt asked Vagrant %v", on, calls)
		}
	}
}

// Destroy cleans up after an up that failed before Vagrant made a
// machine, even with Vagrant gone; with a machine in .vagrant it refuses
// to forget the Vagrantfile that names it.
func TestDestroyWithoutVagrant(t *testing.T) {
	for _, on := range []labOnDisk{builtLab, builtWithMachineID} {
		p, d := testLabOnDisk(t, on)
		drv := vagranttest.New(nil)
		drv.FailStatus(errors.New("vagrant: executable file not found in $PATH"))
		b := Backends{Vagrant: func(string) vagrant.Driver { return drv }}
		err := handle(b, d, p).Destroy(context.Background(), nil)
		_, vfErr := os.Stat(d.Vagrantfile())
		if on == builtWithMachineID {
			if err == nil || vfErr != nil {
				t.Errorf("with a machine recorded: err %v, Vagrantfile %v; want an error and the file kept", err, vfErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("destroy: %v", err)
		}
		for _, f := range []string{d.Vagrantfile(), d.ResolvedSpec(), d.Lock()} {
			if _, err := os.Stat(f); err == nil {
				t.Errorf("destroy left %s", f)
			}
		}
		if _, err := os.Stat(d.Config()); err != nil {
			t.Errorf("destroy removed the user's mesoslab.yaml: %v", err)
		}
	}
}
