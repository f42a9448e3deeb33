package doctor

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/cache"
	"github.com/mesoslab/mesoslab/provision"
)

// The lab cache of the fake host, and the URLs the test lab names (on
// example hosts: the check only compares them with the index).
const (
	testCacheDir = "/home/ada/.local/share/mesoslab/cache"
	testKeyURL   = "https://repo.example/assets/support_aventer.asc"
	testDNSURL   = "https://releases.example/mesos-dns/v0.7.0-rc2/mesos-dns-v0.7.0-rc2-linux-{arch}"
)

// item is one cache entry a test keeps, with its size in bytes.
type item struct {
	kind provision.CacheKind
	name string
	size int
}

// workshopItems is a cache after one online `up` of the default lab.
var workshopItems = []item{
	{provision.CacheDeb, "aventer-mesos_1.11.0-0.7.1_amd64.deb", 600 << 10},
	{provision.CacheDeb, "zookeeperd_3.8.0-11_all.deb", 12 << 10},
	{provision.CacheDeb, "docker.io_20.10.24+dfsg1-1+b3_amd64.deb", 300 << 10},
	{provision.CacheDeb, "mesos-dns_0.1.2-0.1.0_amd64.deb", 90 << 10},
	{provision.CacheAptLists, "bookworm main + repo.example bookworm main", 200 << 10},
	{provision.CacheImage, "mesosphere/marathon:v1.11.24", 400 << 10},
	{provision.CacheImage, "mesosphere/chronos:v3.0.2", 250 << 10},
	{provision.CacheImage, "busybox:1.36", 4 << 10},
	{provision.CacheKey, testKeyURL, 3 << 10},
}

// storeIndex keeps items in a real lab cache and returns its index.json as
// the store wrote it.
func storeIndex(t *testing.T, items []item) string {
	t.Helper()
	dir := t.TempDir()
	st, err := cache.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if _, err := st.Keep(it.kind, it.name, strings.NewReader(strings.Repeat("x", it.size))); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(cache.IndexPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// cacheLab is the default lab with what it downloads, its Mesos-DNS from
// the package.
func cacheLab() Lab {
	l := haLab()
	l.CacheDir = testCacheDir
	l.CachePackages = []string{"zookeeperd=", "aventer-mesos=1.11.0-0.7.1", "docker.io=", "mesos-dns="}
	l.CacheImages = []string{"mesosphere/marathon:v1.11.24", "mesosphere/chronos:v3.0.2", "busybox:1.36"}
	l.CacheKeys = []string{testKeyURL}
	return l
}

// without drops the items whose name starts with prefix.
func without(items []item, prefix string) []item {
	return slices.DeleteFunc(slices.Clone(items), func(it item) bool { return strings.HasPrefix(it.name, prefix) })
}

func TestCacheCheck(t *testing.T) {
	index := cache.IndexPath(testCacheDir)
	withIndex := func(items []item) func(*testing.T, *fakeHost, *Lab) {
		return func(t *testing.T, h *fakeHost, _ *Lab) {
			h.dirs[testCacheDir] = []string{"index.json", "deb", "image"}
			h.files[index] = storeIndex(t, items)
		}
	}
	tests := []struct {
		name    string
		setup   func(*testing.T, *fakeHost, *Lab)
		status  Status
		finding []string
		fix     []string
	}{
		{"no cache folder", func(*testing.T, *fakeHost, *Lab) {}, StatusWarn,
			[]string{"no lab cache yet in " + testCacheDir, "the first `up` downloads everything afresh (4 packages, 3 images, 1 signing key)"},
			[]string{"run one `mesoslab up` online, or `mesoslab cache import FILE`"}},
		{"a folder without an index", func(_ *testing.T, h *fakeHost, _ *Lab) { h.dirs[testCacheDir] = []string{"deb", "tmp"} }, StatusWarn,
			[]string{"the lab cache in " + testCacheDir + " is empty"}, []string{"mesoslab cache import FILE"}},
		{"an empty index", func(_ *testing.T, h *fakeHost, _ *Lab) {
			h.dirs[testCacheDir] = []string{"index.json"}
			h.files[index] = `{"format": 1, "entries": []}`
		}, StatusWarn, []string{"is empty: the first `up` downloads everything afresh"}, []string{"`mesoslab up` online"}},
		{"everything the lab downloads", withIndex(workshopItems), StatusOK,
			[]string{"lab cache " + testCacheDir + ": 9 entries, 1.8 MiB (4 deb, 1 apt-lists, 3 image, 1 key)",
				"cached for this lab: zookeeperd 3.8.0-11, aventer-mesos 1.11.0-0.7.1, docker.io 20.10.24+dfsg1-1+b3, mesos-dns 0.1.2-0.1.0, " +
					"image mesosphere/marathon:v1.11.24, image mesosphere/chronos:v3.0.2, image busybox:1.36, key " + testKeyURL}, nil},
		{"a glob pin picks the newest fitting build", func(t *testing.T, h *fakeHost, l *Lab) {
			withIndex(append(slices.Clone(workshopItems), item{provision.CacheDeb, "aventer-mesos_1.11.0-0.10.0_amd64.deb", 10}))(t, h, l)
			l.CachePackages = []string{"aventer-mesos=1.11*"}
		}, StatusOK, []string{"cached for this lab: aventer-mesos 1.11.0-0.10.0,"}, nil},
		{"the pinned version absent", func(t *testing.T, h *fakeHost, l *Lab) {
			withIndex(append(without(workshopItems, "aventer-mesos"), item{provision.CacheDeb, "aventer-mesos_1.10.0-0.1_amd64.deb", 10}))(t, h, l)
		}, StatusWarn, []string{"cached for this lab: zookeeperd 3.8.0-11,", "not cached: aventer-mesos=1.11.0-0.7.1 (cached: 1.10.0-0.1)"},
			[]string{"`mesoslab cache import FILE`"}},
		{"an unpinned package absent", withIndex(without(workshopItems, "docker.io")), StatusWarn,
			[]string{"not cached: docker.io (any version)"}, []string{"mesoslab up"}},
		{"a package built for another architecture", func(t *testing.T, h *fakeHost, l *Lab) {
			withIndex(append(without(workshopItems, "aventer-mesos"), item{provision.CacheDeb, "aventer-mesos_1.11.0-0.7.1_arm64.deb", 10}))(t, h, l)
		}, StatusWarn, []string{"not cached: aventer-mesos=1.11.0-0.7.1 (cached: 1.11.0-0.7.1 for arm64)"}, []string{"mesoslab up"}},
		{"images absent", withIndex(without(without(workshopItems, "mesosphere/chronos"), "busybox")), StatusWarn,
			[]string{"7 entries", "image mesosphere/marathon:v1.11.24, key", "not cached: image mesosphere/chronos:v3.0.2, image busybox:1.36"},
			[]string{"mesoslab up"}},
		{"the key absent", withIndex(without(workshopItems, testKeyURL)), StatusWarn,
			[]string{"not cached: key " + testKeyURL}, []string{"mesoslab up"}},
		{"the release binary cached for the node's architecture", func(t *testing.T, h *fakeHost, l *Lab) {
			withIndex(append(without(workshopItems, "mesos-dns"), item{provision.CacheBinary, strings.ReplaceAll(testDNSURL, "{arch}", "amd64"), 20 << 10}))(t, h, l)
			l.CachePackages, l.CacheBinaries = l.CachePackages[:3], []string{testDNSURL}
		}, StatusOK, []string{"(3 deb, 1 apt-lists, 3 image, 1 binary, 1 key)", "binary " + testDNSURL}, nil},
		{"the release binary absent", func(t *testing.T, h *fakeHost, l *Lab) {
			other := strings.ReplaceAll(strings.ReplaceAll(testDNSURL, "0.7.0-rc2", "0.6.0"), "{arch}", "amd64")
			withIndex(append(without(workshopItems, "mesos-dns"), item{provision.CacheBinary, other, 10}))(t, h, l)
			l.CachePackages, l.CacheBinaries = l.CachePackages[:3], []string{testDNSURL}
		}, StatusWarn, []string{"not cached: binary " + testDNSURL}, []string{"mesoslab up"}},
		{"a kind of a newer mesoslab is counted", func(_ *testing.T, h *fakeHost, l *Lab) {
			h.dirs[testCacheDir] = []string{"index.json"}
			h.files[index] = `{"format": 1, "entries": [{"kind": "manifest", "name": "virtualbox bento/debian-12", "size": 2048, "sha256": "00", "file": "manifest/x"},
				{"kind": "image", "name": "busybox:1.36", "size": 1024, "sha256": "00", "file": "image/busybox%3A1.36"}]}`
			l.CachePackages, l.CacheImages, l.CacheKeys = nil, []string{"busybox:1.36"}, nil
		}, StatusOK, []string{"2 entries, 3.0 KiB (1 image, 1 manifest)", "cached for this lab: image busybox:1.36"}, nil},
		{"a corrupt index", func(_ *testing.T, h *fakeHost, _ *Lab) {
			h.dirs[testCacheDir] = []string{"index.json"}
			h.files[index] = `{"format": 1, "entries": [{"kind": "deb"`
		}, StatusWarn, []string{"the lab cache index " + index + " cannot be read (unexpected end of JSON input)", "nothing cached is used"},
			[]string{"`mesoslab cache clear`", "sets " + index + " aside"}},
		{"an index of another format", func(_ *testing.T, h *fakeHost, _ *Lab) {
			h.dirs[testCacheDir] = []string{"index.json"}
			h.files[index] = `{"format": 2, "entries": []}`
		}, StatusWarn, []string{"cannot be read (index format 2, this mesoslab reads 1)"}, []string{"`mesoslab cache clear`"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, lab := healthyLinux(t), cacheLab()
			tt.setup(t, h, &lab)
			r := runCheck(t, h, lab, "cache")
			expect(t, r, tt.status, tt.finding, tt.fix)
			if r.Status == StatusFail {
				t.Errorf("the cache check failed the run: %s", r.Finding)
			}
		})
	}
}

// TestCacheCheckNeverFails: a file system that does not answer within the
// run's bound makes the cache check warn, where other checks fail.
func TestCacheCheckNeverFails(t *testing.T) {
	h := healthyLinux(t)
	h.delay = time.Minute
	rs := Run(context.Background(), h, cacheLab(), Options{Only: []string{"cache", "ram"}, Timeout: 100 * time.Millisecond})
	if len(rs) != 2 {
		t.Fatalf("results %+v", rs)
	}
	expect(t, rs[0], StatusFail, []string{"did not answer within 0.1 s"}, nil)
	expect(t, rs[1], StatusWarn, []string{"the cache check did not answer within 0.1 s"},
		[]string{"check the file system that holds it", "--timeout"})
}

// TestCacheCheckRunsWithACacheFolder: a lab that names no cache folder
// (a caller without a mesoslab home) leaves the check out.
func TestCacheCheckRunsWithACacheFolder(t *testing.T) {
	for _, tt := range []struct {
		dir  string
		want bool
	}{{"", false}, {testCacheDir, true}} {
		lab := cacheLab()
		lab.CacheDir = tt.dir
		if got := slices.Contains(ids(Run(context.Background(), healthyLinux(t), lab, Options{})), "cache"); got != tt.want {
			t.Errorf("CacheDir %q: cache check ran %v, want %v", tt.dir, got, tt.want)
		}
	}
}
