package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/cache"
	"github.com/mesoslab/mesoslab/provision"
)

// aptGet matches apt's "Get:" lines in a node log (stdout lines start "| "):
// every one is a download. A package's line has seven fields before its
// size ("Get:3 URI bookworm/main amd64 zookeeper all 3.8.0-11 [...]"), a
// list's fewer ("Get:1 URI bookworm InRelease [...]").
var (
	aptGet        = regexp.MustCompile(`(?m)^\| Get:\d+ `)
	aptGetPackage = regexp.MustCompile(`(?m)^\| Get:\d+ (?:\S+ ){6}\[`)
)

// unreachableProxy points the node's apt at a port where nothing listens
// (read last of apt.conf.d, so no earlier proxy setting wins):
// with it, apt reaches no mirror at all.
const unreachableProxy = `Acquire::http::Proxy "http://127.0.0.1:9/";
Acquire::https::Proxy "http://127.0.0.1:9/";
`

// TestContainerLabCache measures the lab cache on a ZooKeeper-only 3+2
// container lab, in one run: `up --offline` with an empty cache fails before
// any machine exists, naming what is missing; `up` with the empty cache
// (T_cold) fills it; after `destroy`, the machines come up again, their apt
// is pointed at an unreachable proxy, and `up --offline` (T_warm) must
// succeed with no package downloaded. The cache is the lab cache on disk
// in the test's MESOSLAB_HOME, as `mesoslab up` opens it.
func TestContainerLabCache(t *testing.T) {
	needContainerLab(t)
	const subnet, ports = "192.168.71.0/24", 2740
	l := newContainerLab(t, "e2e-cache", subnet, ports, 3, 2)
	cfg := strings.Replace(fmt.Sprintf(zkOnlyConfig, subnet, ports), "agents: 1\n", "agents: 2\n", 1)
	if err := os.WriteFile(l.dir().Config(), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// The node logs go with the test's folder; keep them to read.
		if t.Failed() {
			keep := filepath.Join(os.TempDir(), "mesoslab-e2e-cache-logs")
			_ = os.RemoveAll(keep)
			if out, err := exec.Command("cp", "-r", l.dir().Logs(), keep).CombinedOutput(); err == nil {
				t.Logf("node logs kept in %s", keep)
			} else {
				t.Logf("keep the node logs: %v %s", err, out)
			}
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Minute)
	defer cancel()
	up := func(o lab.UpOptions) (*lab.Lab, lab.UpResult, error) {
		t.Helper()
		s := streams{LookupEnv: func(k string) (string, bool) {
			if k == "MESOSLAB_HOME" {
				return l.home, true
			}
			return os.LookupEnv(k)
		}}
		lb, err := lab.Open(ctx, lab.OpenOptions{ResolveOptions: lab.ResolveOptions{Home: l.home, Lab: l.name, Env: s.LookupEnv}, Backends: s.backends()})
		if err != nil {
			t.Fatal(err)
		}
		res, err := lb.Up(ctx, o)
		return lb, res, err
	}
	containers := func() []string {
		out, _ := exec.Command("docker", "ps", "-aq", "--filter", "name=mesoslab-"+l.name+"-").Output()
		return strings.Fields(string(out))
	}

	// Offline with an empty cache: refused before any machine is built.
	_, _, err := up(lab.UpOptions{Offline: true})
	var oe *lab.OfflineError
	if !errors.As(err, &oe) {
		t.Fatalf("up --offline with an empty cache: %v; want an *OfflineError", err)
	}
	t.Logf("up --offline, empty cache: %v", err)
	if c := containers(); len(c) != 0 {
		t.Fatalf("up --offline built %d machine(s) before failing", len(c))
	}

	logs := newLogMark(l.dir().Logs())
	_, cold, err := up(lab.UpOptions{})
	if err != nil {
		t.Fatalf("cold up: %v", err)
	}
	coldGets, coldPkgs := logs.count()
	store, err := cache.Open(cache.Dir(l.home))
	if err != nil {
		t.Fatal(err)
	}
	debs, _ := store.Entries(provision.CacheDeb)
	t.Logf("cold up %s: %d Get: lines, %d package downloads; the cache keeps %d package files", cold.Took.Round(time.Second), coldGets, coldPkgs, len(debs))
	if len(debs) == 0 {
		t.Fatal("the cold up kept no package file in the cache")
	}

	t.Logf("mesoslab cache size after the cold up:\n%s", l.must("cache", "size"))
	l.must("destroy", "--force")
	_, machines, err := up(lab.UpOptions{MachinesOnly: true})
	if err != nil {
		t.Fatalf("warm up, machines: %v", err)
	}
	for _, node := range []string{"master1", "master2", "master3", "agent1", "agent2"} {
		write := "printf '%s' '" + unreachableProxy + "' > /etc/apt/apt.conf.d/99mesoslab-e2e-unreachable-proxy"
		if out, err := exec.Command("docker", "exec", "mesoslab-"+l.name+"-"+node, "sh", "-c", write).CombinedOutput(); err != nil {
			t.Fatalf("%s: point apt at the unreachable proxy: %v\n%s", node, err, out)
		}
	}
	logs = newLogMark(l.dir().Logs())
	lb, warm, err := up(lab.UpOptions{Offline: true})
	if err != nil {
		t.Fatalf("warm up --offline, apt unable to reach any mirror: %v", err)
	}
	warmGets, warmPkgs := logs.count()
	assertEnsemble(t, lb.Plan)
	tWarm := machines.Took + warm.Took
	fmt.Printf("lab cache, ZooKeeper-only 3+2 container lab: T_cold %s, T_warm %s, T_warm/T_cold %.2f; "+
		"package downloads cold %d, warm %d (Get: lines cold %d, warm %d)\n",
		cold.Took.Round(time.Second), tWarm.Round(time.Second), tWarm.Seconds()/cold.Took.Seconds(), coldPkgs, warmPkgs, coldGets, warmGets)
	if warmGets != 0 {
		t.Errorf("the warm offline up downloaded: %d Get: lines", warmGets)
	}
	if coldPkgs == 0 {
		t.Errorf("the cold up shows no package download: the count cannot tell")
	}
}

// logMark remembers how far each node log was read, so count sees only
// what a run appended.
type logMark struct {
	dir  string
	seen map[string]int64
}

func newLogMark(dir string) *logMark {
	m := &logMark{dir: dir, seen: map[string]int64{}}
	files, _ := filepath.Glob(filepath.Join(dir, "*.log"))
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil {
			m.seen[f] = fi.Size()
		}
	}
	return m
}

// count returns the Get: lines, and those of package files, appended to
// the node logs since the mark.
func (m *logMark) count() (gets, packages int) {
	files, _ := filepath.Glob(filepath.Join(m.dir, "*.log"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if off := m.seen[f]; off <= int64(len(b)) {
			b = b[off:]
		}
		gets += len(aptGet.FindAll(b, -1))
		packages += len(aptGetPackage.FindAll(b, -1))
	}
	return gets, packages
}
