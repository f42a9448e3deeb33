package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// wouldChangeRe reads a dry run's listing: a node name alone on a line, then
// "  [warn] PHASE STEP" lines.
var wouldChangeRe = regexp.MustCompile(`^\s+\[warn\]\s+(\S+)\s+(.+)$`)

// TestContainerLabFullStackDryRun provisions the ZooKeeper phase of the
// default lab (3 masters, 2 agents, every component) for real, then asks for
// a dry run of the rest. Mesos, Marathon, Chronos and Mesos-DNS cannot be
// fetched on the machines that run this test, so the dry run is how the
// container lab proves the plan: every later phase is listed, on the right
// nodes, and the phases already done list nothing.
func TestContainerLabFullStackDryRun(t *testing.T) {
	needContainerLab(t)
	l := newContainerLab(t, "e2e-full", "192.168.54.0/24", 2580, 3, 2)
	l.must("up", "--no-provision")
	l.must("provision", "--only", "base", "--only", "zookeeper")
	out := l.must("provision", "--dry-run")

	phases := map[string][]string{} // node -> phases with changes
	node := ""
	for _, line := range strings.Split(out, "\n") {
		if m := wouldChangeRe.FindStringSubmatch(line); m != nil && node != "" {
			// A component's waits run in its "-ready" phase.
			ph := strings.TrimSuffix(m[1], "-ready")
			if !slices.Contains(phases[node], ph) {
				phases[node] = append(phases[node], ph)
			}
		} else if f := strings.Fields(line); len(f) == 1 && (strings.HasPrefix(f[0], "master") || strings.HasPrefix(f[0], "agent")) {
			node = f[0]
		}
	}
	want := map[string][]string{
		"master1": {"mesos-master", "marathon", "chronos", "mesos-dns", "resolver"},
		"master2": {"mesos-master", "marathon", "chronos", "mesos-dns", "resolver"},
		"master3": {"mesos-master", "marathon", "chronos", "mesos-dns", "resolver"},
		"agent1":  {"agent", "resolver"},
		"agent2":  {"agent", "resolver"},
	}
	for n, w := range want {
		if !slices.Equal(phases[n], w) {
			t.Errorf("%s: the dry run lists changes in %v, want %v", n, phases[n], w)
		}
	}
	if t.Failed() {
		t.Logf("dry run:\n%s", out)
	}
}
