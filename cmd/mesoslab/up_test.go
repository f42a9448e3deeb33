package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/vagrant"
	"github.com/mesoslab/mesoslab/vagrant/vagranttest"
)

// runWorld runs the app as run does, with the outside world replaced by
// world: no vagrant binary, no host checks, no SSH.
func runWorld(t *testing.T, home string, world lab.Backends, args ...string) (string, string, int) {
	t.Helper()
	env := map[string]string{"MESOSLAB_HOME": home}
	var out, errOut bytes.Buffer
	s := streams{In: strings.NewReader(""), Out: &out, Err: &errOut, world: &world,
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	err := runApp(context.Background(), s, append([]string{"mesoslab"}, args...))
	return out.String(), errOut.String(), exitCode(err, &errOut)
}

// `mesoslab up` end to end in process, on an in-memory Vagrant
// (vagranttest): the command renders and records the lab, brings the first
// node up alone and then the rest, and says the lab is up; a second up
// finds every machine running and only asks for their states. Provisioning
// (SSH) and the host checks are left out with the command's own flags.
func TestUpCommandOnAFakeVagrant(t *testing.T) {
	home := t.TempDir()
	drv := vagranttest.New(nil)
	world := lab.Backends{Vagrant: func(string) vagrant.Driver { return drv }}
	args := []string{"up", "--masters", "1", "--agents", "2", "--skip-doctor", "--no-provision"}

	out, errOut, code := runWorld(t, home, world, args...)
	if code != 0 {
		t.Fatalf("up exited %d: %s%s", code, out, errOut)
	}
	if !strings.Contains(out, `lab "default" is up`) {
		t.Errorf("up did not say the lab is up:\n%s", out)
	}
	calls := strings.Join(drv.Calls(), ",")
	if calls != "status,up master1,up agent1,up agent2" && calls != "status,up master1,up agent2,up agent1" {
		t.Errorf("vagrant calls = %s, want status, then master1 alone, then the agents", calls)
	}
	for _, node := range []string{"master1", "agent1", "agent2"} {
		if st := drv.State(node); st != vagranttest.Running {
			t.Errorf("%s is %q after up", node, st)
		}
	}
	d := lab.DirFor(home, "default")
	for _, f := range []string{d.Vagrantfile(), d.ResolvedSpec(), d.Config()} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("up did not write %s: %v", f, err)
		}
	}

	before := len(drv.Calls())
	if out, errOut, code := runWorld(t, home, world, args...); code != 0 {
		t.Fatalf("second up exited %d: %s%s", code, out, errOut)
	}
	if again := drv.Calls()[before:]; strings.Join(again, ",") != "status" {
		t.Errorf("a second up of a running lab called %v, want only status", again)
	}
}
