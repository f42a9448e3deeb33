package cache

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/provision"
)

func openStore(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func keep(t *testing.T, s *Store, kind provision.CacheKind, name, content string) provision.CacheEntry {
	t.Helper()
	e, err := s.Keep(kind, name, strings.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func readEntry(t *testing.T, s *Store, kind provision.CacheKind, name string) (string, bool) {
	t.Helper()
	rc, _, ok, err := s.Open(kind, name)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		return "", false
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), true
}

func TestKeepOpenRoundTrip(t *testing.T) {
	tests := []struct {
		kind          provision.CacheKind
		name, content string
	}{
		{provision.CacheDeb, "docker.io_20.10.24+dfsg1-1+b3_amd64.deb", "deb body"},
		{provision.CacheDeb, "libfoo_1%3a2.3-1_amd64.deb", "epoch"},
		{provision.CacheImage, "mesosphere/marathon:v1.11.24", "image tar"},
		{provision.CacheBinary, "https://github.com/x/y/releases/download/v1/mesos-dns-v1-linux-amd64", "elf"},
		{provision.CacheKey, "https://example.test/KEY.asc", "key"},
		{provision.CacheAptLists, "../../etc/passwd", "a name is not a path"},
		{provision.CacheAptLists, "con", "windows device name"},
		{provision.CacheBinary, strings.Repeat("https://long.test/", 30), "long name"},
		{provision.CacheDeb, "empty_1_all.deb", ""},
		{provision.CacheManifest, "docker mesoslab/node:debian-12 [zookeeper] zookeeper=zookeeperd", `{"items":[]}`},
	}
	dir := t.TempDir()
	s := openStore(t, dir)
	for _, tt := range tests {
		e := keep(t, s, tt.kind, tt.name, tt.content)
		if e.Size != int64(len(tt.content)) || len(e.SHA256) != 64 {
			t.Errorf("%s: Keep returned %+v", tt.name, e)
		}
	}
	// A second store on the folder, as another mesoslab process sees it.
	s2 := openStore(t, dir)
	for _, tt := range tests {
		got, ok := readEntry(t, s2, tt.kind, tt.name)
		if !ok || got != tt.content {
			t.Errorf("%s %s: Open = %q, %v; want %q", tt.kind, tt.name, got, ok, tt.content)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	for _, f := range files {
		if rel, _ := filepath.Rel(dir, f); strings.Count(filepath.ToSlash(rel), "/") != 1 || len(filepath.Base(f)) > maxFileName {
			t.Errorf("entry file %s escapes its kind folder or is too long", rel)
		}
	}
	if _, _, ok, _ := s2.Open(provision.CacheDeb, "absent_1_all.deb"); ok {
		t.Error("an entry never kept is reported present")
	}
}

// TestManifestRoundTripOnTheStore: what provisioning records in a run, a
// later process reads back from the folder. The in-memory cache of the
// provision tests cannot show that the store accepts the kind.
func TestManifestRoundTripOnTheStore(t *testing.T) {
	dir := t.TempDir()
	m, err := provision.OpenManifest(openStore(t, dir), "docker box [zookeeper]")
	if err != nil {
		t.Fatal(err)
	}
	want := []provision.ManifestItem{
		{Kind: provision.CacheAptLists, Name: "debian-12 sources"},
		{Kind: provision.CacheDeb, Name: "zookeeper_3.8.0-11_all.deb"},
	}
	if err := m.Record(want...); err != nil {
		t.Fatal(err)
	}
	got, ok, err := provision.ReadManifest(openStore(t, dir), "docker box [zookeeper]")
	if err != nil || !ok || !slices.Equal(got, want) {
		t.Errorf("ReadManifest = %v, %v, %v; want %v", got, ok, err, want)
	}
}

func TestFileNameIsOneToOneAcrossCase(t *testing.T) {
	names := []string{"Foo", "foo", "FOO", "a/b", "a%2Fb", "a_b", ".", "..", "x.", ".x", "con", "CON", "con.txt"}
	seen := map[string]string{}
	for _, n := range names {
		f := strings.ToLower(fileName(n))
		if prev, dup := seen[f]; dup {
			t.Errorf("%q and %q share the file %q on a case-insensitive file system", prev, n, f)
		}
		seen[f] = n
		if f == "." || f == ".." || strings.ContainsAny(f, `/\:`) || strings.HasSuffix(f, ".") {
			t.Errorf("fileName(%q) = %q is not a safe file name", n, f)
		}
	}
}

// TestDamagedEntriesAreDroppedNotServed: whatever happens to an entry's file
// after Keep, Open reports it absent and it is gone from the index.
func TestDamagedEntriesAreDroppedNotServed(t *testing.T) {
	const content = "0123456789abcdef"
	tests := []struct {
		name   string
		damage func(t *testing.T, s *Store, file string)
	}{
		{"flipped byte", func(t *testing.T, _ *Store, file string) {
			b, _ := os.ReadFile(file)
			b[3] ^= 0x01
			write(t, file, string(b))
		}},
		{"truncated", func(t *testing.T, _ *Store, file string) {
			if err := os.Truncate(file, 5); err != nil {
				t.Fatal(err)
			}
		}},
		{"longer", func(t *testing.T, _ *Store, file string) { write(t, file, content+"!") }},
		{"removed", func(t *testing.T, _ *Store, file string) { _ = os.Remove(file) }},
		{"wrong size in the index", func(t *testing.T, s *Store, _ string) {
			ix, _ := readIndex(s.dir)
			ix.Entries[0].Size++
			if err := ix.write(s.dir); err != nil {
				t.Fatal(err)
			}
		}},
		{"wrong hash in the index", func(t *testing.T, s *Store, _ string) {
			ix, _ := readIndex(s.dir)
			ix.Entries[0].SHA256 = strings.Repeat("0", 64)
			if err := ix.write(s.dir); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openStore(t, t.TempDir())
			keep(t, s, provision.CacheImage, "img:1", content)
			file := filepath.Join(s.dir, "image", fileName("img:1"))
			tt.damage(t, s, file)
			if got, ok := readEntry(t, s, provision.CacheImage, "img:1"); ok {
				t.Fatalf("a damaged entry was handed out: %q", got)
			}
			if list, _ := s.Entries(provision.CacheImage); len(list) != 0 {
				t.Errorf("the damaged entry is still listed: %+v", list)
			}
			if _, err := os.Stat(file); !os.IsNotExist(err) {
				t.Errorf("the damaged file is still there: %v", err)
			}
			keep(t, s, provision.CacheImage, "img:1", content) // fetched again
			if got, ok := readEntry(t, s, provision.CacheImage, "img:1"); !ok || got != content {
				t.Errorf("after a new Keep: %q, %v", got, ok)
			}
		})
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLeftoversOfAnInterruptedKeep: a temp file of a Keep that died, and a
// renamed file whose index update never happened, are removed when a store
// opens and never listed; a fresh temp file (a live Keep) is left alone.
func TestLeftoversOfAnInterruptedKeep(t *testing.T) {
	dir := t.TempDir()
	openStore(t, dir)
	stale := filepath.Join(dir, "tmp", "keep-123")
	fresh := filepath.Join(dir, "tmp", "keep-456")
	orphan := filepath.Join(dir, "deb", fileName("half_1_all.deb"))
	staleIndex := filepath.Join(dir, ".tmp-index.json-9")
	for _, f := range []string{stale, fresh, orphan, staleIndex} {
		write(t, f, "partial")
	}
	old := time.Now().Add(-time.Hour)
	for _, f := range []string{stale, staleIndex} {
		if err := os.Chtimes(f, old, old); err != nil {
			t.Fatal(err)
		}
	}
	s := openStore(t, dir)
	for _, f := range []string{stale, orphan, staleIndex} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("leftover %s not removed", filepath.Base(f))
		}
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a live Keep's temp file was removed: %v", err)
	}
	if _, ok := readEntry(t, s, provision.CacheDeb, "half_1_all.deb"); ok {
		t.Error("a file without an index entry is served")
	}
}

// TestCorruptIndexStartsAfresh: an index damaged outside mesoslab is set
// aside and the cache starts empty; the files it named are dropped, never
// served, and the store works again at once.
func TestCorruptIndexStartsAfresh(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir)
	if _, err := s.Keep(provision.CacheDeb, "old_1_all.deb", strings.NewReader("old")); err != nil {
		t.Fatal(err)
	}
	write(t, IndexPath(dir), "{not json")
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("Open on a corrupt index = %v, want a fresh cache", err)
	}
	if _, _, ok, _ := s.Open(provision.CacheDeb, "old_1_all.deb"); ok {
		t.Error("an entry of the damaged index was served")
	}
	if entries, _ := s.Entries(provision.CacheDeb); len(entries) != 0 {
		t.Errorf("entries after the reset: %v", entries)
	}
	if data, err := os.ReadFile(IndexPath(dir) + ".damaged"); err != nil || string(data) != "{not json" {
		t.Errorf("the damaged index was not kept aside: %q, %v", data, err)
	}
	if _, err := s.Keep(provision.CacheDeb, "new_1_all.deb", strings.NewReader("new")); err != nil {
		t.Errorf("Keep after the reset: %v", err)
	}
}

// TestConcurrentKeepOfOneName: nodes provisioning in parallel keep the same
// file from goroutines, through two stores (two processes); the survivor is
// one of the writes, whole, and nothing else is left in the folder.
func TestConcurrentKeepOfOneName(t *testing.T) {
	dir := t.TempDir()
	stores := []*Store{openStore(t, dir), openStore(t, dir)}
	contents := map[string]bool{}
	for i := range 16 {
		contents[strings.Repeat(fmt.Sprintf("node%02d-", i), 4096)] = true
	}
	var wg sync.WaitGroup
	for i := range 16 {
		c := strings.Repeat(fmt.Sprintf("node%02d-", i), 4096)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := stores[i%2].Keep(provision.CacheDeb, "same_1_all.deb", bytes.NewReader([]byte(c))); err != nil {
				t.Error(err)
			}
			if got, ok := readEntry(t, stores[(i+1)%2], provision.CacheDeb, "same_1_all.deb"); !ok || !contents[got] {
				t.Errorf("a reader saw a torn or missing entry (%d bytes, %v)", len(got), ok)
			}
		}()
	}
	wg.Wait()
	list, err := stores[0].Entries(provision.CacheDeb)
	if err != nil || len(list) != 1 {
		t.Fatalf("Entries = %+v, %v; want one entry", list, err)
	}
	tmps, _ := os.ReadDir(filepath.Join(dir, "tmp"))
	debs, _ := os.ReadDir(filepath.Join(dir, "deb"))
	if len(tmps) != 0 || len(debs) != 1 {
		t.Errorf("left %d temp files and %d deb files, want 0 and 1", len(tmps), len(debs))
	}
}

func TestListSizeClear(t *testing.T) {
	s := openStore(t, t.TempDir())
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return at }
	keep(t, s, provision.CacheDeb, "a_1_all.deb", "aaa")
	keep(t, s, provision.CacheDeb, "b_1_all.deb", "bbbbb")
	keep(t, s, provision.CacheImage, "img:1", "iiiiiii")
	keep(t, s, provision.CacheKey, "https://k.test/key", "k")
	ctx := context.Background()
	list, err := s.List(ctx)
	if err != nil || len(list) != 4 || !list[0].Added.Equal(at) || list[0].Name != "a_1_all.deb" {
		t.Fatalf("List = %+v, %v", list, err)
	}
	tests := []struct {
		name      string
		clear     []provision.CacheKind
		wantFreed int64
		wantLeft  int64
		wantKinds map[provision.CacheKind]int
	}{
		{"deb only", []provision.CacheKind{provision.CacheDeb}, 8, 8, map[provision.CacheKind]int{provision.CacheImage: 1, provision.CacheKey: 1}},
		{"everything", nil, 8, 0, map[provision.CacheKind]int{}},
	}
	if sz, _ := s.Size(ctx); sz.Bytes != 16 || sz.Entries != 4 || len(sz.Kinds) != len(Kinds) || sz.Kinds[0].Bytes != 8 {
		t.Fatalf("Size = %+v", sz)
	}
	for _, tt := range tests {
		freed, err := s.Clear(ctx, tt.clear...)
		if err != nil || freed.Bytes != tt.wantFreed {
			t.Errorf("%s: Clear freed %+v, %v; want %d bytes", tt.name, freed, err, tt.wantFreed)
		}
		sz, _ := s.Size(ctx)
		if sz.Bytes != tt.wantLeft {
			t.Errorf("%s: %d bytes left, want %d", tt.name, sz.Bytes, tt.wantLeft)
		}
		for _, k := range sz.Kinds {
			if k.Entries != tt.wantKinds[k.Kind] {
				t.Errorf("%s: %s has %d entries, want %d", tt.name, k.Kind, k.Entries, tt.wantKinds[k.Kind])
			}
		}
	}
	if _, err := s.Clear(ctx, "debs"); err == nil || !strings.Contains(err.Error(), `"debs"`) {
		t.Errorf("Clear of an unknown kind = %v", err)
	}
}

func TestPickDebByPinnedVersion(t *testing.T) {
	s := openStore(t, t.TempDir())
	for _, n := range []string{
		"aventer-mesos_1.11.0-0.7.1.debian12_amd64.deb",
		"aventer-mesos_1.11.0-0.9.0.debian12_amd64.deb",
		"aventer-mesos_1.11.0-0.10.0.debian12_arm64.deb",
		"docker.io_20.10.24+dfsg1-1+b3_amd64.deb",
		"docker.io_1%3a20.10.5-1_amd64.deb",
		"zookeeperd_3.8.0-11_all.deb",
		"not-a-deb.tar",
	} {
		keep(t, s, provision.CacheDeb, n, n)
	}
	tests := []struct {
		pkg, want, arch string
		wantName        string // "" = none fits
	}{
		{"aventer-mesos", "1.11.0-0.9.0.debian12", "amd64", "aventer-mesos_1.11.0-0.9.0.debian12_amd64.deb"},
		{"aventer-mesos", "", "amd64", "aventer-mesos_1.11.0-0.9.0.debian12_amd64.deb"}, // 0.9 < 0.10 is arm64 only
		{"aventer-mesos", "", "", "aventer-mesos_1.11.0-0.10.0.debian12_arm64.deb"},
		{"aventer-mesos", "1.11.0-0.7*", "amd64", "aventer-mesos_1.11.0-0.7.1.debian12_amd64.deb"},
		{"aventer-mesos", "1.11.0-0.8.0.debian12", "amd64", ""},
		{"docker.io", "", "amd64", "docker.io_1%3a20.10.5-1_amd64.deb"}, // the epoch wins
		{"docker.io", "20.10.24+dfsg1-1+b3", "amd64", "docker.io_20.10.24+dfsg1-1+b3_amd64.deb"},
		{"zookeeperd", "3.8.0-11", "arm64", "zookeeperd_3.8.0-11_all.deb"},
		{"chronos", "", "", ""},
	}
	ctx := context.Background()
	for _, tt := range tests {
		d, ok, err := s.PickDeb(ctx, tt.pkg, tt.want, tt.arch)
		if err != nil || ok != (tt.wantName != "") || d.Entry.Name != tt.wantName {
			t.Errorf("PickDeb(%s, %q, %q) = %s, %v, %v; want %q", tt.pkg, tt.want, tt.arch, d.Entry.Name, ok, err, tt.wantName)
		}
	}
	debs, _ := s.Debs(ctx, "docker.io")
	if len(debs) != 2 || debs[0].Version != "1:20.10.5-1" {
		t.Errorf("Debs(docker.io) = %+v", debs)
	}
}
