package lab

import (
	"os"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab/config"
)

func mustPlan(t *testing.T, mutate func(*config.Spec)) *config.Plan {
	t.Helper()
	s := config.Default()
	if mutate != nil {
		mutate(&s)
	}
	p, err := config.NewPlan(s)
	if err != nil {
		t.Fatalf("NewPlan: %v", err)
	}
	return p
}

func TestPlanPhasesFollowComponents(t *testing.T) {
	full := mustPlan(t, nil)
	zkOnly := mustPlan(t, func(s *config.Spec) { s.Components = config.Components{ZooKeeper: true} })
	phaseNames := func(p *config.Plan) string {
		var out []string
		for _, ph := range phases(p) {
			out = append(out, ph.Name)
		}
		return strings.Join(out, ",")
	}
	if got, want := phaseNames(full), "base,zookeeper,mesos-master,marathon,chronos,mesos-dns,agent,resolver"; got != want {
		t.Errorf("full lab phases = %s, want %s", got, want)
	}
	if got, want := phaseNames(zkOnly), "base,zookeeper"; got != want {
		t.Errorf("ZooKeeper-only phases = %s, want %s", got, want)
	}
	if got := phases(full)[1].Nodes; strings.Join(got, ",") != "master1,master2,master3" {
		t.Errorf("zookeeper phase nodes = %v", got)
	}
}

// The host checks suggest no smaller machines than the lab's components
// need: a master's minimum, the larger of the two roles'.
func TestDoctorLabKeepsToTheMemoryFloor(t *testing.T) {
	p, err := config.NewPlan(config.Default())
	if err != nil {
		t.Fatal(err)
	}
	want, _ := config.MinMemoryMB(config.RoleMaster, p.Spec.Components)
	if got := doctorLab(p, Dir{Root: t.TempDir()}).MemoryFloorMB; got != want {
		t.Errorf("doctorLab().MemoryFloorMB = %d, want the master's minimum %d", got, want)
	}
}

// TestRecipesGetTheBudgetsHeaps: the heap caps the plan hands the recipes
// are the ones lab/config's memory budget charges each JVM.
func TestRecipesGetTheBudgetsHeaps(t *testing.T) {
	p := mustPlan(t, nil)
	h := config.JVMHeaps()
	heaps := recipesCluster(p).Heaps
	if heaps.ZooKeeperMB != h.ZooKeeperMB || heaps.MarathonMB != h.MarathonMB || heaps.ChronosMB != h.ChronosMB {
		t.Errorf("the plan gives the recipes heaps %+v, the budget's are %+v", heaps, h)
	}
}

func TestResolvePrecedence(t *testing.T) {
	home := t.TempDir()
	dir := DirFor(home, "workshop")
	if err := os.MkdirAll(dir.Root, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir.Config(), []byte("masters: 5\nagents: 4\nmemory: 3000\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := func(k string) (string, bool) {
		if k == "MESOSLAB_AGENTS" {
			return "2", true
		}
		return "", false
	}
	one := 1
	r, err := Resolve(ResolveOptions{Home: home, Lab: "workshop", Env: env, Flags: config.Overrides{Agents: &one}})
	if err != nil {
		t.Fatal(err)
	}
	// file beats defaults, env beats file, flags beat env
	if r.Spec.Masters != 5 || r.Spec.MemoryMB != 3000 || r.Spec.Agents != 1 || r.ConfigFile != dir.Config() {
		t.Errorf("resolved = %+v from %q", r.Spec, r.ConfigFile)
	}
	r, err = Resolve(ResolveOptions{Home: home, Lab: "workshop", Env: env})
	if err != nil || r.Spec.Agents != 2 {
		t.Errorf("env should win over the file: %v %d", err, r.Spec.Agents)
	}
	if _, err := Resolve(ResolveOptions{Home: home, Lab: "Bad_Name"}); err == nil {
		t.Error("an invalid --lab was accepted")
	}
}
