package provision_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// aptSteps are a phase that refreshes the lists and installs names, wired
// to the cache as recipes.Plan wires every phase.
func aptSteps(u provision.CacheUse, names ...string) []provision.Step {
	return provision.UseCache([]provision.Step{
		provision.AptUpdate(),
		provision.Package(provision.PackageSpec{Names: names}),
	}, u)
}

// debianNode is a fresh simulated node whose apt offers zookeeper at
// 3.8.0-11 and its Java runtime.
func debianNode(t *testing.T, name string) *provisiontest.Node {
	n := provisiontest.NewNode(t, name)
	n.SetFile("/etc/apt/sources.list.d/debian.sources", "Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm\n")
	n.Known = map[string]string{"zookeeper": "3.8.0-11", "openjdk-17-jre-headless": "17.0.13+11-2"}
	return n
}

func TestAptCacheColdThenWarm(t *testing.T) {
	cache := provisiontest.NewMemCache()
	m, err := provision.OpenManifest(cache, "docker mesoslab/node:debian-12 [zookeeper]")
	if err != nil {
		t.Fatal(err)
	}
	u := provision.CacheUse{Cache: cache, Manifest: m}
	cold := debianNode(t, "master1")
	if _, err := cold.Provision(aptSteps(u, "zookeeper", "openjdk-17-jre-headless")); err != nil {
		t.Fatal(err)
	}
	if len(cold.Downloads) != 2 {
		t.Fatalf("cold node downloaded %v; want both packages", cold.Downloads)
	}
	zk, _ := provisiontest.DebFile("zookeeper", "3.8.0-11", "amd64")
	jre, _ := provisiontest.DebFile("openjdk-17-jre-headless", "17.0.13+11-2", "amd64")
	for _, f := range []string{zk, jre} {
		if _, ok := cache.Get(provision.CacheDeb, f); !ok {
			t.Errorf("harvest did not keep %s", f)
		}
	}
	if _, ok := cache.Get(provision.CacheAptLists, cold.ListsID()); !ok {
		t.Errorf("harvest did not keep the apt lists %s", cold.ListsID())
	}
	items, ok, err := provision.ReadManifest(cache, "docker mesoslab/node:debian-12 [zookeeper]")
	if err != nil || !ok || len(items) != 3 {
		t.Errorf("manifest = %v, %v, %v; want the two debs and the lists", items, ok, err)
	}

	warm := debianNode(t, "master2")
	rep, err := warm.Provision(aptSteps(u, "zookeeper", "openjdk-17-jre-headless"))
	if err != nil {
		t.Fatal(err)
	}
	if len(warm.Downloads) != 0 {
		t.Errorf("warm node downloaded %v; want nothing, the cache had it all", warm.Downloads)
	}
	if warm.Packages["zookeeper"] != "3.8.0-11" {
		t.Errorf("warm node has zookeeper %q", warm.Packages["zookeeper"])
	}
	if got := warm.Count(`^mkdir -p -- /var/cache/apt/archives && tar -x`); got != 1 {
		t.Errorf("%d uploads of package files; want both in one tar stream", got)
	}
	if rep.Failed != 0 {
		t.Errorf("report: %+v", rep)
	}
	// A second run on the converged node moves nothing.
	warm.TakeChanges()
	if _, err := warm.Provision(aptSteps(u, "zookeeper", "openjdk-17-jre-headless")); err != nil {
		t.Fatal(err)
	}
	if ch := warm.TakeChanges(); len(ch) > 1 { // the stale-stamp refresh may run
		t.Errorf("converged node changed: %v", ch)
	}
}

func TestAptSeedPicksThePinnedVersion(t *testing.T) {
	for _, tc := range []struct {
		name, pin   string
		known       string
		wantSeeded  []string
		wantFetched int
	}{
		{"pinned version cached", "zookeeper=3.8.0-11", "3.8.0-11", []string{"zookeeper_3.8.0-11_amd64.deb"}, 0},
		{"pinned version not cached", "zookeeper=3.8.0-12", "3.8.0-12", nil, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cache := provisiontest.NewMemCache()
			for _, v := range []string{"3.8.0-10", "3.8.0-11"} {
				f, content := provisiontest.DebFile("zookeeper", v, "amd64")
				cache.Put(provision.CacheDeb, f, content)
			}
			n := debianNode(t, "master1")
			n.Known["zookeeper"] = tc.known
			steps := provision.UseCache([]provision.Step{provision.Package(provision.PackageSpec{Names: []string{tc.pin}})}, provision.CacheUse{Cache: cache})
			n.AptLists, n.AptFresh = true, true
			// Only the seed, before apt installs anything.
			if _, err := n.Provision(steps[:1]); err != nil {
				t.Fatal(err)
			}
			var seeded []string
			for f := range n.Archives {
				seeded = append(seeded, f)
			}
			if strings.Join(seeded, " ") != strings.Join(tc.wantSeeded, " ") {
				t.Errorf("seeded %v; want %v", seeded, tc.wantSeeded)
			}
			if _, err := n.Provision(steps[1:]); err != nil {
				t.Fatal(err)
			}
			if len(n.Downloads) != tc.wantFetched || n.Packages["zookeeper"] != tc.known {
				t.Errorf("downloads %v, zookeeper %q; want %d download(s), %s", n.Downloads, n.Packages["zookeeper"], tc.wantFetched, tc.known)
			}
		})
	}
}

func TestAptSeedDropsACorruptEntry(t *testing.T) {
	for _, damage := range []struct {
		name string
		do   func(*provisiontest.MemCache, string)
	}{
		{"corrupt", func(c *provisiontest.MemCache, f string) { c.Corrupt(provision.CacheDeb, f) }},
		{"partial", func(c *provisiontest.MemCache, f string) { c.Truncate(provision.CacheDeb, f) }},
	} {
		t.Run(damage.name, func(t *testing.T) {
			cache := provisiontest.NewMemCache()
			f, content := provisiontest.DebFile("zookeeper", "3.8.0-11", "amd64")
			cache.Put(provision.CacheDeb, f, content)
			damage.do(cache, f)
			n := debianNode(t, "master1")
			if _, err := n.Provision(aptSteps(provision.CacheUse{Cache: cache}, "zookeeper")); err != nil {
				t.Fatal(err)
			}
			if len(n.Downloads) != 1 {
				t.Errorf("downloads %v; want the damaged package fetched again", n.Downloads)
			}
			if got := n.Count(`^mkdir -p -- /var/cache/apt/archives && tar -x`); got != 0 {
				t.Errorf("%d uploads; a damaged entry must never reach the node", got)
			}
			if got, _ := cache.Get(provision.CacheDeb, f); got != content {
				t.Errorf("cache holds %q after the run; want the fresh download kept", got)
			}
		})
	}
}

func TestAptHarvestKeepsNothingFromACutStream(t *testing.T) {
	cache := provisiontest.NewMemCache()
	n := debianNode(t, "master1")
	n.CutStreamsAt = 512 + 10 // the header, and part of the data
	if _, err := n.Provision(aptSteps(provision.CacheUse{Cache: cache}, "zookeeper")); err != nil {
		t.Fatalf("a cut transfer must not fail the node: %v", err)
	}
	f, _ := provisiontest.DebFile("zookeeper", "3.8.0-11", "amd64")
	if got, ok := cache.Get(provision.CacheDeb, f); ok {
		t.Errorf("cache kept %q from a cut stream", got)
	}
}

func TestOfflineInstallsOnlyFromTheCache(t *testing.T) {
	warmCache := provisiontest.NewMemCache()
	seedNode := debianNode(t, "master1")
	if _, err := seedNode.Provision(aptSteps(provision.CacheUse{Cache: warmCache}, "zookeeper")); err != nil {
		t.Fatal(err)
	}
	t.Run("warm", func(t *testing.T) {
		n := debianNode(t, "master2")
		if _, err := n.Provision(aptSteps(provision.CacheUse{Cache: warmCache, Offline: true}, "zookeeper")); err != nil {
			t.Fatal(err)
		}
		if len(n.Downloads) != 0 || n.Count(`^apt-get update`) != 0 {
			t.Errorf("offline: downloads %v, %d apt-get update; want none", n.Downloads, n.Count(`^apt-get update`))
		}
		if n.Count(`apt-get install -y --no-install-recommends --no-download `) != 1 {
			t.Errorf("apt-get install ran without --no-download:\n%s", strings.Join(n.CommandLines(), "\n"))
		}
	})
	t.Run("cold", func(t *testing.T) {
		n := debianNode(t, "master3")
		n.AptLists, n.AptFresh = true, true
		n.Lists = map[string]string{"old_Packages": "x"}
		_, err := n.Provision(aptSteps(provision.CacheUse{Cache: provisiontest.NewMemCache(), Offline: true}, "zookeeper"))
		if err == nil || !strings.Contains(err.Error(), "mesoslab cache import FILE") {
			t.Fatalf("offline with an empty cache: %v; want the install to fail naming the fix", err)
		}
		if len(n.Downloads) != 0 || n.Count(`^apt-get update`) != 0 {
			t.Errorf("offline: downloads %v, %d apt-get update; want none", n.Downloads, n.Count(`^apt-get update`))
		}
	})
}

// TestAptHarvestKeepsOneListsCopyPerRun: the nodes of a phase fetched their
// lists at about the same time, and their copies differ (apt keeps each
// file's Last-Modified). One node keeps its copy; the others take it, so
// that a run after this one finds every node's lists already the cache's.
func TestAptHarvestKeepsOneListsCopyPerRun(t *testing.T) {
	cache := provisiontest.NewMemCache()
	names := []string{"master1", "master2", "agent1"}
	var nodes []*provisiontest.Node
	for i, name := range names {
		n := debianNode(t, name)
		n.Lists = map[string]string{"mirror.example_debian_dists_bookworm_InRelease": strings.Repeat("x", i+1)}
		nodes = append(nodes, n)
	}
	run := func(dry bool, steps func() []provision.Step) provision.Report {
		t.Helper()
		var targets []provision.Target
		for i, n := range nodes {
			targets = append(targets, provision.Target{Node: names[i], Runner: n, Steps: steps()})
		}
		rep, err := provision.Run(context.Background(), provision.Plan{{Name: "base", Targets: targets}}, provision.Options{Parallel: len(nodes), DryRun: dry})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	m, err := provision.OpenManifest(cache, "lab")
	if err != nil {
		t.Fatal(err)
	}
	run(false, func() []provision.Step { return []provision.Step{provision.AptHarvest(cache, m)} })

	reads := 0
	for _, n := range nodes {
		reads += n.Count(`^\(cd /var/lib/apt/lists && find`)
	}
	if reads != 1 {
		t.Errorf("%d nodes read their lists back; want one copy per run", reads)
	}
	if _, ok := cache.Get(provision.CacheAptLists, nodes[0].ListsID()); !ok {
		t.Fatal("no lists kept")
	}
	const inRelease = "mirror.example_debian_dists_bookworm_InRelease"
	for i, n := range nodes[1:] {
		if got, want := n.Lists[inRelease], nodes[0].Lists[inRelease]; got != want {
			t.Errorf("%s has lists %q, %s %q; want one copy on every node", names[i+1], got, names[0], want)
		}
	}
	// The next run, as a dry run: nothing to seed, nothing to keep.
	next, err := provision.OpenManifest(cache, "lab")
	if err != nil {
		t.Fatal(err)
	}
	rep := run(true, func() []provision.Step {
		return []provision.Step{provision.AptListsSeed(cache), provision.AptHarvest(cache, next)}
	})
	for _, name := range names {
		for _, st := range rep.Node(name) {
			if st.Outcome != provision.Unchanged {
				t.Errorf("next run on %s: %s is %v; want unchanged", name, st.Step, st.Outcome)
			}
		}
	}
}

// TestAptHarvestReadsEachPackageBackOncePerRun: the nodes of a phase
// downloaded the same packages, and run their harvests at once; one node
// reads each file back to the host, and a file it could not keep is left
// to the next run.
func TestAptHarvestReadsEachPackageBackOncePerRun(t *testing.T) {
	cache := provisiontest.NewMemCache()
	m, err := provision.OpenManifest(cache, "lab")
	if err != nil {
		t.Fatal(err)
	}
	zk, zkContent := provisiontest.DebFile("zookeeper", "3.8.0-11", "amd64")
	jre, jreContent := provisiontest.DebFile("openjdk-17-jre-headless", "17.0.13+11-2", "amd64")
	phase := func(m *provision.Manifest, name string, cut bool, names ...string) []*provisiontest.Node {
		var targets []provision.Target
		var nodes []*provisiontest.Node
		for _, node := range names {
			n := debianNode(t, node)
			n.Archives = map[string]string{zk: zkContent, jre: jreContent}
			if cut {
				n.CutStreamsAt = 530 // inside the first file's data: nothing arrives whole
			}
			nodes = append(nodes, n)
			targets = append(targets, provision.Target{Node: node, Runner: n, Steps: []provision.Step{provision.AptHarvest(cache, m)}})
		}
		if _, err := provision.Run(context.Background(), provision.Plan{{Name: name, Targets: targets}}, provision.Options{Parallel: len(names)}); err != nil {
			t.Fatal(err)
		}
		return nodes
	}
	reads := func(nodes []*provisiontest.Node) int {
		total := 0
		for _, n := range nodes {
			total += n.Count(`^tar -c -C /var/cache/apt/archives`)
		}
		return total
	}

	// Every read is cut: nothing is kept, and the other nodes do not
	// read the files again.
	if got := reads(phase(m, "cut", true, "master1", "master2", "master3")); got != 1 {
		t.Errorf("cut phase: %d reads of package files; want one node to read them", got)
	}
	for _, f := range []string{zk, jre} {
		if _, ok := cache.Get(provision.CacheDeb, f); ok {
			t.Errorf("%s: a cut stream's file was kept", f)
		}
	}
	if got := reads(phase(m, "agents", false, "agent1", "agent2", "agent3")); got != 0 {
		t.Errorf("later phase of the same run: %d reads; want none (claimed)", got)
	}
	// The next run keeps them, once.
	next, err := provision.OpenManifest(cache, "lab")
	if err != nil {
		t.Fatal(err)
	}
	if got := reads(phase(next, "next run", false, "agent1", "agent2", "agent3")); got != 1 {
		t.Errorf("next run: %d reads of package files; want one", got)
	}
	for _, f := range []string{zk, jre} {
		if _, ok := cache.Get(provision.CacheDeb, f); !ok {
			t.Errorf("%s not kept", f)
		}
	}
}
