package config

import (
	"strings"
	"testing"
)

// The masters run dockerd and containerd for Marathon and Chronos, so
// their minimum counts Docker whenever one of the two is on.
func TestMasterMinimumCountsDocker(t *testing.T) {
	all := Default().Components
	tests := []struct {
		name   string
		c      Components
		mb     int
		docker bool
	}{
		{"every component", all, 256 + 384 + 256 + 704 + 512 + 64 + 256, true},
		{"Marathon without Chronos", Components{ZooKeeper: true, Mesos: true, Marathon: true}, 256 + 384 + 256 + 704 + 256, true},
		{"Chronos without Marathon", Components{ZooKeeper: true, Mesos: true, Chronos: true}, 256 + 384 + 256 + 512 + 256, true},
		{"no framework", Components{ZooKeeper: true, Mesos: true}, 256 + 384 + 256, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mb, why := MinMemoryMB(RoleMaster, tt.c)
			if mb != tt.mb || strings.Contains(why, "Docker") != tt.docker {
				t.Errorf("MinMemoryMB(master) = %d, %q; want %d, Docker counted: %v", mb, why, tt.mb, tt.docker)
			}
		})
	}
	if mb, _ := MinMemoryMB(RoleMaster, all); mb > DefaultMemoryMB {
		t.Errorf("a default master needs %d MB, more than the default %d", mb, DefaultMemoryMB)
	}
}

// TestHeapCapsFitTheBudget holds each JVM's heap cap against what the
// budget charges that JVM: the heap must leave the JVM room for its non-heap
// memory, and no JVM may go uncapped. (lab's TestRecipesGetTheBudgetsHeaps
// checks that the recipes are handed these caps.)
func TestHeapCapsFitTheBudget(t *testing.T) {
	p, err := NewPlan(Default())
	if err != nil {
		t.Fatal(err)
	}
	heaps := JVMHeaps()
	charged := map[string]int{}
	for _, m := range memBudget(RoleMaster, p.Spec.Components) {
		charged[m.what] = m.mb
	}
	const minNonHeap = 128 // metaspace, code cache, threads and GC of the smallest of them
	for what, heap := range map[string]int{"ZooKeeper": heaps.ZooKeeperMB, "Marathon": heaps.MarathonMB, "Chronos": heaps.ChronosMB} {
		switch {
		case heap <= 0:
			t.Errorf("%s has no heap cap: the JVM would take a quarter of the node's memory", what)
		case charged[what]-heap < minNonHeap:
			t.Errorf("%s: heap %d MB of a %d MB share leaves %d MB beside the heap, want %d or more",
				what, heap, charged[what], charged[what]-heap, minNonHeap)
		}
	}
}
