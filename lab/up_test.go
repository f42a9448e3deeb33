package lab

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/vagrant"
	"github.com/mesoslab/mesoslab/vagrant/vagranttest"
)

// testLab is a 3+2 docker lab in a temporary home, with a fake driver.
func testLab(t *testing.T, drv *vagranttest.Driver) (Backends, Resolved, *config.Plan) {
	t.Helper()
	s := config.Default()
	s.Provider, s.Agents = "docker", 2
	p, err := config.NewPlan(s)
	if err != nil {
		t.Fatal(err)
	}
	r := Resolved{Spec: s, Dir: DirFor(t.TempDir(), s.Name)}
	b := Backends{Vagrant: func(string) vagrant.Driver { return drv }}
	return b, r, p
}

type eventLog struct {
	mu     sync.Mutex
	events []Event
}

func (l *eventLog) report(e Event) { l.mu.Lock(); l.events = append(l.events, e); l.mu.Unlock() }

func (l *eventLog) statuses(node string) []EventStatus {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []EventStatus
	for _, e := range l.events {
		if e.Node == node && e.Stage == StageMachines {
			out = append(out, e.Status)
		}
	}
	return out
}

func TestUpFreshLabFirstNodeAloneThenBounded(t *testing.T) {
	drv := vagranttest.New(nil)
	drv.UpDelay = 20 * time.Millisecond
	b, r, p := testLab(t, drv)
	var log eventLog
	if _, err := upLab(b, r, p).Up(context.Background(), UpOptions{Parallel: 2, SkipPreflight: true, MachinesOnly: true, Report: log.report}); err != nil {
		t.Fatal(err)
	}
	calls := drv.Calls()
	if calls[0] != "status" || calls[1] != "up master1" {
		t.Fatalf("calls = %v, want status then master1 alone", calls)
	}
	// master2 and master3 start together; agents only after a master is up.
	for i, c := range calls[1:] {
		if isMaster := strings.HasPrefix(c, "up master"); isMaster != (i < 3) {
			t.Errorf("up order = %v, want masters before agents", calls[1:])
			break
		}
	}
	if drv.MaxConcurrentUps() != 2 {
		t.Errorf("most concurrent ups = %d, want the --parallel bound 2", drv.MaxConcurrentUps())
	}
	if got := log.statuses("agent2"); len(got) < 2 || got[0] != EventStart || got[len(got)-1] != EventDone {
		t.Errorf("agent2 events = %v, want start ... done", got)
	}
	for _, f := range []string{r.Dir.Vagrantfile(), r.Dir.ResolvedSpec(), r.Dir.Config(), r.Dir.NodeLog("agent1")} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("up did not write %s: %v", f, err)
		}
	}
}

func TestUpResumesOnlyWhatIsNotRunning(t *testing.T) {
	drv := vagranttest.New(map[string]string{
		"master1": "running", "master2": "stopped", "master3": "running", "agent1": "not_created", "agent2": "running",
	})
	b, r, p := testLab(t, drv)
	if _, err := upLab(b, r, p).Up(context.Background(), UpOptions{SkipPreflight: true, MachinesOnly: true}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(drv.Calls(), ","); got != "status,up master2,up agent1" && got != "status,up agent1,up master2" {
		t.Errorf("calls = %s, want only master2 and agent1 brought up", got)
	}
	// A second up on the running lab does no Vagrant work beyond status.
	before := len(drv.Calls())
	if _, err := upLab(b, r, p).Up(context.Background(), UpOptions{SkipPreflight: true, MachinesOnly: true}); err != nil {
		t.Fatal(err)
	}
	if got := drv.Calls()[before:]; strings.Join(got, ",") != "status" {
		t.Errorf("no-op up made calls %v", got)
	}
}

func TestUpNodeFailureNamesNodeLogAndAdvice(t *testing.T) {
	drv := vagranttest.New(map[string]string{"master1": "running"})
	drv.FailUp("agent2", errors.New("Bind for 127.0.0.1:2305 failed: port is already allocated"))
	b, r, p := testLab(t, drv)
	_, err := upLab(b, r, p).Up(context.Background(), UpOptions{SkipPreflight: true, MachinesOnly: true})
	var nes NodeErrors
	if !errors.As(err, &nes) || len(nes) != 1 {
		t.Fatalf("err = %v, want one node error", err)
	}
	ne := nes[0]
	if ne.Node != "agent2" || ne.Log != r.Dir.NodeLog("agent2") || len(ne.Tail) == 0 {
		t.Errorf("node error = %+v", ne)
	}
	if !strings.Contains(err.Error(), "full log: "+r.Dir.NodeLog("agent2")) || !strings.Contains(err.Error(), "agent2: vagrant up failed") {
		t.Errorf("message does not name node, step and log:\n%v", err)
	}
	if drv.State("agent1") != "running" {
		t.Error("one node's failure stopped the others")
	}
}

func TestUpNeverActsWhenStatusFails(t *testing.T) {
	drv := vagranttest.New(nil)
	drv.FailStatus(errors.New("vagrant status: exit status 1"))
	b, r, p := testLab(t, drv)
	_, err := upLab(b, r, p).Up(context.Background(), UpOptions{SkipPreflight: true, MachinesOnly: true})
	if err == nil || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("err = %v", err)
	}
	if got := drv.Calls(); strings.Join(got, ",") != "status" {
		t.Errorf("calls after a failed status = %v", got)
	}
}

func TestUpCancelledStopsStartingNodes(t *testing.T) {
	drv := vagranttest.New(nil)
	drv.UpDelay = time.Hour
	b, r, p := testLab(t, drv)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := upLab(b, r, p).Up(ctx, UpOptions{SkipPreflight: true, MachinesOnly: true})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if got := strings.Join(drv.Calls(), ","); got != "status,up master1" {
		t.Errorf("calls = %s: nodes were started after the interrupt", got)
	}
}

func TestUpRefusesAChangedTopology(t *testing.T) {
	drv := vagranttest.New(nil)
	b, r, p := testLab(t, drv)
	if _, err := upLab(b, r, p).Up(context.Background(), UpOptions{SkipPreflight: true, MachinesOnly: true}); err != nil {
		t.Fatal(err)
	}
	s := p.Spec
	s.Agents = 3
	p2, _ := config.NewPlan(s)
	_, err := upLab(b, r, p2).Up(context.Background(), UpOptions{SkipPreflight: true, MachinesOnly: true})
	var de *DriftError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "mesoslab destroy") {
		t.Errorf("err = %v, want a DriftError naming destroy", err)
	}
}

func TestHaltAgentsFirstAndDestroyKeepsConfig(t *testing.T) {
	drv := vagranttest.New(nil)
	b, r, p := testLab(t, drv)
	if _, err := upLab(b, r, p).Up(context.Background(), UpOptions{SkipPreflight: true, MachinesOnly: true}); err != nil {
		t.Fatal(err)
	}
	n := len(drv.Calls())
	if err := handle(b, r.Dir, p).Halt(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	halts := drv.Calls()[n+1:]
	if !strings.HasPrefix(halts[0], "halt agent") || !strings.HasPrefix(halts[len(halts)-1], "halt master") {
		t.Errorf("halt order = %v, want agents first", halts)
	}
	if err := handle(b, r.Dir, p).Destroy(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for name, st := range drv.States() {
		if st != "not_created" {
			t.Errorf("%s is %s after destroy", name, st)
		}
	}
	if _, err := os.Stat(r.Dir.Config()); err != nil {
		t.Errorf("destroy removed the user's mesoslab.yaml: %v", err)
	}
	for _, f := range []string{r.Dir.Vagrantfile(), r.Dir.ResolvedSpec(), r.Dir.Lock()} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("destroy left %s", f)
		}
	}
	if err := handle(b, r.Dir, p).Destroy(context.Background(), nil); err != nil {
		t.Errorf("second destroy: %v", err)
	}
}

func TestUpPutsBackAContainerLabNetwork(t *testing.T) {
	drv := vagranttest.New(map[string]string{"master1": "stopped", "master2": "running", "master3": "stopped", "agent1": "not_created", "agent2": "stopped"})
	b, r, p := testLab(t, drv)
	var gotSubnet string
	var gotMembers map[string]string
	b.DockerNetwork = func(_ context.Context, subnet string, members map[string]string) (bool, error) {
		gotSubnet, gotMembers = subnet, members
		return true, nil
	}
	var log eventLog
	if _, err := upLab(b, r, p).Up(context.Background(), UpOptions{SkipPreflight: true, MachinesOnly: true, Report: log.report}); err != nil {
		t.Fatal(err)
	}
	if gotSubnet != "192.168.56.0/24" || len(gotMembers) != 4 || gotMembers["mesoslab-default-master1"] != "192.168.56.11" {
		t.Errorf("repair asked for %s %v, want the lab's subnet and its 4 created containers", gotSubnet, gotMembers)
	}
	said := false
	for _, e := range log.events {
		said = said || strings.Contains(e.Message, "re-created the lab network")
	}
	if !said {
		t.Error("the repair was not reported")
	}
}

// An up that fails before Vagrant is asked to create anything leaves the
// disk as it found it: no record, no Vagrantfile, no lock file, and no
// folder when there was none.
func TestUpThatFailsBeforeDoingAnythingLeavesNothing(t *testing.T) {
	for _, withConfig := range []bool{false, true} {
		drv := vagranttest.New(nil)
		drv.FailStatus(errors.New("vagrant: executable file not found in $PATH"))
		b, r, p := testLab(t, drv)
		if withConfig {
			if err := WriteFileAtomic(r.Dir.Config(), []byte("provider: docker\nagents: 2\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := upLab(b, r, p).Up(context.Background(), UpOptions{SkipPreflight: true, MachinesOnly: true}); err == nil {
			t.Fatal("up succeeded without Vagrant")
		}
		entries, _ := os.ReadDir(r.Dir.Root)
		var left []string
		for _, e := range entries {
			left = append(left, e.Name())
		}
		want := ""
		if withConfig {
			want = "mesoslab.yaml"
		}
		if got := strings.Join(left, ","); got != want {
			t.Errorf("with config %v: the failed up left %q in the lab folder, want %q", withConfig, got, want)
		}
		if _, err := os.Stat(filepath.Dir(r.Dir.Root)); !withConfig && err == nil {
			t.Errorf("the failed up left the folder %s", filepath.Dir(r.Dir.Root))
		}
	}
}

// A lab recorded by an up whose first machine failed to be created has
// no machines, so a changed topology is no drift from it.
func TestUpChangedTopologyOfALabNeverBuiltIsNoDrift(t *testing.T) {
	drv := vagranttest.New(nil)
	drv.FailUp("master1", errors.New("The box 'bento/debian-12' could not be found"))
	b, r, p := testLab(t, drv)
	if _, err := upLab(b, r, p).Up(context.Background(), UpOptions{SkipPreflight: true, MachinesOnly: true}); err == nil {
		t.Fatal("up succeeded with a failing first node")
	}
	if _, ok, _ := LoadSpec(r.Dir); !ok {
		t.Fatal("up did not record the lab before asking Vagrant to create it")
	}
	drv.FailUp("master1", nil)
	s := p.Spec
	s.Agents = 3
	p2, err := config.NewPlan(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := upLab(b, r, p2).Up(context.Background(), UpOptions{SkipPreflight: true, MachinesOnly: true}); err != nil {
		t.Fatalf("up of the changed lab: %v", err)
	}
	if drv.State("agent3") != "running" {
		t.Errorf("agent3 is %q after up", drv.State("agent3"))
	}
}

// handle is the Lab an operation under test acts on.
func handle(b Backends, d Dir, p *config.Plan) *Lab {
	return &Lab{Backends: b, Dir: d, Plan: p}
}

// upLab is the Lab of a resolved configuration, as Open makes it.
func upLab(b Backends, r Resolved, p *config.Plan) *Lab {
	return &Lab{Backends: b, Dir: r.Dir, ConfigFile: r.ConfigFile, Plan: p}
}
