//go:build unix

package vagrant

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/vagrant/internal/fakevagrant"
)

func TestUpStreamsEvents(t *testing.T) {
	f := newFakeLab(t, time.Minute)
	var c collect
	if err := f.cli.Up(context.Background(), "master1", "docker", c.add); err != nil {
		t.Fatalf("Up: %v", err)
	}
	transcript, err := os.ReadFile(filepath.Join("testdata", "transcripts", "up-master1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var raw []string
	for _, e := range c.kind(KindRaw) {
		raw = append(raw, e.Data)
	}
	if want := strings.Split(strings.TrimSpace(string(transcript)), "\n"); !reflect.DeepEqual(raw, want) {
		t.Errorf("raw lines differ from the transcript:\n got %q\nwant %q", raw, want)
	}
	// Each raw line is followed by its parsed event, all for master1 even
	// where Vagrant leaves the target empty.
	if len(c.events) != 2*len(raw) {
		t.Errorf("%d events for %d lines, want a raw and a parsed event per line", len(c.events), len(raw))
	}
	for i, e := range c.events {
		if e.Node != "master1" {
			t.Errorf("event %d %s %q has node %q", i, e.Kind, e.Data, e.Node)
		}
	}
	actions := c.kind("action")
	if len(actions) != 2 || actions[0].Data != "up,start" || actions[1].Data != "up,end" {
		t.Errorf("action events = %v, want up,start and up,end", actions)
	}

	starts := f.records("start")
	if len(starts) != 1 {
		t.Fatalf("vagrant ran %d times, want 1", len(starts))
	}
	s := starts[0]
	wantArgs := []string{"up", "--machine-readable", "--no-provision", "--no-destroy-on-error", "--provider", "docker", "master1"}
	if !reflect.DeepEqual(s.Args, wantArgs) {
		t.Errorf("argv = %q, want %q", s.Args, wantArgs)
	}
	if s.Env["VAGRANT_CHECKPOINT_DISABLE"] != "1" {
		t.Errorf("VAGRANT_CHECKPOINT_DISABLE = %q, want 1", s.Env["VAGRANT_CHECKPOINT_DISABLE"])
	}
	if dir, _ := filepath.EvalSymlinks(f.dir); s.Dir != dir {
		t.Errorf("vagrant ran in %s, want the lab directory %s", s.Dir, dir)
	}
	// Its own process group: the terminal's Ctrl-C does not reach it.
	if s.PGID != s.PID || s.PGID == syscall.Getpgrp() {
		t.Errorf("vagrant pid %d runs in process group %d (ours %d), want a group of its own", s.PID, s.PGID, syscall.Getpgrp())
	}
}

func TestUpWithoutProviderLetsVagrantChoose(t *testing.T) {
	f := newFakeLab(t, time.Minute)
	if err := f.cli.Up(context.Background(), "master1", "", nil); err != nil {
		t.Fatalf("Up: %v", err)
	}
	if args := f.records("start")[0].Args; slices.Contains(args, "--provider") {
		t.Errorf("argv = %q, want no --provider", args)
	}
}

func TestUpConcurrentWithOneFailure(t *testing.T) {
	f := newFakeLab(t, time.Minute)
	nodes := []string{"master1", "agent1", "agent2"}
	errs := make([]error, len(nodes))
	events := make([]collect, len(nodes))
	var wg sync.WaitGroup
	for i, n := range nodes {
		wg.Go(func() { errs[i] = f.cli.Up(context.Background(), n, "docker", events[i].add) })
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("Up master1, agent1 = %v, %v; want nil", errs[0], errs[1])
	}
	var ve *Error
	if !errors.As(errs[2], &ve) {
		t.Fatalf("Up agent2 = %v, want an *Error", errs[2])
	}
	if ve.Node != "agent2" || ve.Command != "up" || ve.ExitCode != 1 || ve.Kind != "Vagrant::Errors::ForwardPortCollision" {
		t.Errorf("error = %+v", ve)
	}
	if !strings.HasPrefix(ve.Message, "Vagrant cannot forward the specified ports on this VM, since they\nwould collide") {
		t.Errorf("message = %q", ve.Message)
	}
	if len(ve.Tail) != 6 || !strings.Contains(ve.Tail[5], ",error-exit,") {
		t.Errorf("tail = %q, want the 6 lines vagrant printed", ve.Tail)
	}
	var ee *exec.ExitError
	if !errors.As(errs[2], &ee) {
		t.Errorf("%v does not wrap the *exec.ExitError", errs[2])
	}
	for i, n := range nodes {
		for _, e := range events[i].events {
			if e.Node != n {
				t.Errorf("Up %s got an event for %s: %q", n, e.Node, e.Data)
			}
		}
	}
	if got := len(events[2].kind(KindErrorExit)); got != 1 {
		t.Errorf("agent2 had %d error-exit events, want 1", got)
	}
}

func TestUpKeepsLinesThatAreNotMachineReadable(t *testing.T) {
	f := newFakeLab(t, time.Minute)
	var c collect
	if err := f.cli.Up(context.Background(), "agent1", "docker", c.add); err != nil {
		t.Fatalf("Up: %v", err)
	}
	raw := c.kind(KindRaw)
	if len(raw) != 26 {
		t.Fatalf("%d raw lines, want 24 from stdout and 2 from stderr", len(raw))
	}
	if !strings.Contains(raw[0].Data, "warning: already initialized constant") {
		t.Errorf("first raw line = %q, want the Ruby warning from stderr", raw[0].Data)
	}
	if len(c.events) != 2*26-2 {
		t.Errorf("%d events, want one raw event only for each of the 2 warnings", len(c.events))
	}
}

func TestUpSurvivesAHugeLine(t *testing.T) {
	f := newFakeLab(t, time.Minute, fakevagrant.EnvLongLine+"=3000000")
	var c collect
	if err := f.cli.Up(context.Background(), "master1", "docker", c.add); err != nil {
		t.Fatalf("Up: %v", err)
	}
	raw := c.kind(KindRaw)
	if len(raw) != 25 || len(raw[0].Data) != maxLine {
		t.Fatalf("%d raw lines, the first %d bytes; want 25, the first cut at %d", len(raw), len(raw[0].Data), maxLine)
	}
	if a := c.kind("action"); len(a) != 2 || a[1].Data != "up,end" {
		t.Errorf("lines after the huge one were lost: actions %v", a)
	}
}

func TestStatus(t *testing.T) {
	tests := []struct {
		pick string
		want []MachineStatus
	}{
		{"", []MachineStatus{{"master1", "running", "docker"}, {"agent1", "running", "docker"}, {"agent2", "preparing", "docker"}}},
		{"status=status-after-halt", []MachineStatus{{"master1", "running", "docker"}, {"agent1", "stopped", "docker"}, {"agent2", "preparing", "docker"}}},
	}
	for _, tt := range tests {
		f := newFakeLab(t, time.Minute, fakevagrant.EnvPick+"="+tt.pick)
		got, err := f.cli.Status(context.Background())
		if err != nil {
			t.Fatalf("Status: %v", err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: Status = %v, want %v", tt.pick, got, tt.want)
		}
		if args := f.records("start")[0].Args; !reflect.DeepEqual(args, []string{"status", "--machine-readable"}) {
			t.Errorf("argv = %q", args)
		}
	}
}

func TestSSHConfig(t *testing.T) {
	f := newFakeLab(t, time.Minute)
	got, err := f.cli.SSHConfig(context.Background(), "master1")
	if err != nil {
		t.Fatalf("SSHConfig: %v", err)
	}
	want := SSHConfig{Host: "master1", HostName: "127.0.0.1", Port: 2361, User: "vagrant", IdentityFiles: []string{
		"/home/Jane Doe/labs/demo/.vagrant/machines/master1/docker/private_key",
		"/home/Jane Doe/.vagrant.d/insecure_private_key",
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SSHConfig = %#v\nwant %#v", got, want)
	}
	if args := f.records("start")[0].Args; !reflect.DeepEqual(args, []string{"ssh-config", "master1"}) {
		t.Errorf("argv = %q, want plain ssh-config", args)
	}
}

func TestSSHConfigOfANodeNotUp(t *testing.T) {
	f := newFakeLab(t, time.Minute)
	_, err := f.cli.SSHConfig(context.Background(), "agent2")
	var ve *Error
	if !errors.As(err, &ve) {
		t.Fatalf("SSHConfig = %v, want an *Error", err)
	}
	if ve.ExitCode != 1 || ve.Node != "agent2" || !strings.HasPrefix(ve.Message, "The provider for this Vagrant-managed machine is reporting that it\nis not yet ready for SSH.") {
		t.Errorf("error = %+v", ve)
	}
	if !strings.Contains(err.Error(), "vagrant ssh-config agent2: The provider for this") {
		t.Errorf("Error() = %q", err)
	}
}

// TestSSHConfigWaitsForUp runs ssh-config while the node's up is still
// running: Vagrant's machine lock (which the fake enforces) would refuse it,
// so the driver must wait for the up to end.
func TestSSHConfigWaitsForUp(t *testing.T) {
	release := filepath.Join(t.TempDir(), "release")
	f := newFakeLab(t, time.Minute, fakevagrant.EnvWaitFile+"="+release)
	started := make(chan struct{})
	var once sync.Once
	upErr := make(chan error, 1)
	go func() {
		upErr <- f.cli.Up(context.Background(), "master1", "docker", func(Event) { once.Do(func() { close(started) }) })
	}()
	<-started
	cfgErr := make(chan error, 1)
	go func() {
		_, err := f.cli.SSHConfig(context.Background(), "master1")
		cfgErr <- err
	}()
	// Give an ssh-config that does not wait the time to run into the lock.
	time.Sleep(300 * time.Millisecond)
	if err := os.WriteFile(release, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := <-upErr; err != nil {
		t.Fatalf("Up: %v", err)
	}
	if err := <-cfgErr; err != nil {
		t.Fatalf("SSHConfig: %v", err)
	}
	if locked := f.records("locked"); len(locked) > 0 {
		t.Errorf("ssh-config ran into the machine lock: %+v", locked)
	}
	var order []string
	for _, r := range f.records("") {
		if r.Event == "start" || r.Event == "exit" {
			order = append(order, r.Event+" "+strings.Join(r.Args, " "))
		}
	}
	if len(order) != 4 || !strings.HasPrefix(order[2], "start ssh-config") {
		t.Errorf("order = %q, want up to start and exit before ssh-config starts", order)
	}
}

func TestHaltAndDestroy(t *testing.T) {
	f := newFakeLab(t, time.Minute)
	if err := f.cli.Halt(context.Background(), "agent1"); err != nil {
		t.Fatalf("Halt: %v", err)
	}
	if err := f.cli.Destroy(context.Background(), "master1"); err != nil {
		t.Fatalf("Destroy: %v", err)
	}
	var got [][]string
	for _, r := range f.records("start") {
		got = append(got, r.Args)
	}
	want := [][]string{{"halt", "--machine-readable", "agent1"}, {"destroy", "--machine-readable", "--force", "master1"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("argv = %q, want %q", got, want)
	}
}

func TestVersion(t *testing.T) {
	f := newFakeLab(t, time.Minute)
	v, err := f.cli.Version(context.Background())
	if err != nil {
		t.Fatalf("Version: %v", err)
	}
	if v.String() != "2.3.4" {
		t.Errorf("Version = %s, want 2.3.4", v)
	}
	if args := f.records("start")[0].Args; !reflect.DeepEqual(args, []string{"--version"}) {
		t.Errorf("argv = %q", args)
	}
}

func TestEnvReachesVagrantButCheckpointStaysOff(t *testing.T) {
	f := newFakeLab(t, time.Minute, "VAGRANT_CHECKPOINT_DISABLE=0", "VAGRANT_HOME=/tmp/vagrant-home")
	if _, err := f.cli.Status(context.Background()); err != nil {
		t.Fatalf("Status: %v", err)
	}
	env := f.records("start")[0].Env
	if env["VAGRANT_CHECKPOINT_DISABLE"] != "1" || env["VAGRANT_HOME"] != "/tmp/vagrant-home" {
		t.Errorf("vagrant's environment = %v", env)
	}
}

func TestMissingBinary(t *testing.T) {
	c := NewCLI(t.TempDir(), CLIOptions{Binary: filepath.Join(t.TempDir(), "no-vagrant")})
	err := c.Up(context.Background(), "master1", "docker", nil)
	var ve *Error
	if !errors.As(err, &ve) || ve.ExitCode != -1 || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Up with a missing binary = %#v, want an *Error wrapping fs.ErrNotExist", err)
	}
	if _, err := c.Version(context.Background()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Version with a missing binary = %v", err)
	}
}

// TestUpDoesNotWaitForAGrandchildHoldingItsOutput: vagrant exited 0, but
// something it started still holds the pipe; Up must succeed after a bounded
// wait instead of hanging or failing.
func TestUpDoesNotWaitForAGrandchildHoldingItsOutput(t *testing.T) {
	testenv.NeedShort(t)
	f := newFakeLab(t, time.Minute, fakevagrant.EnvGrandchild+"=stdout")
	var c collect
	if err := f.cli.Up(context.Background(), "master1", "docker", c.add); err != nil {
		t.Fatalf("Up: %v", err)
	}
	if a := c.kind("action"); len(a) != 2 || a[1].Data != "up,end" {
		t.Errorf("actions = %v, want up,start and up,end", a)
	}
	if len(f.records("exit")) != 1 {
		t.Errorf("records = %+v, want vagrant's own exit", f.records(""))
	}
	for _, g := range f.records("grandchild") {
		if pid, err := strconv.Atoi(g.Detail); err == nil {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}
