package provisiontest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"sort"
	"sync"

	"github.com/mesoslab/mesoslab/provision"
)

// MemCache is a provision.Cache in memory, for tests of the steps that use
// a lab cache. Like the real store it checks an entry's hash on Open and
// drops a corrupt one; Corrupt and Truncate make one for a test. It is safe
// for the concurrent nodes of a phase.
type MemCache struct {
	mu      sync.Mutex
	entries map[provision.CacheKind]map[string]memEntry
	// Opens counts the Opens that handed out an entry, by "kind/name".
	Opens map[string]int
}

type memEntry struct {
	data []byte
	sum  string // the hash taken when the entry was kept
}

// NewMemCache returns an empty cache.
func NewMemCache() *MemCache {
	return &MemCache{entries: map[provision.CacheKind]map[string]memEntry{}, Opens: map[string]int{}}
}

var _ provision.Cache = (*MemCache)(nil)

// Open returns the entry if its content still has the hash it was kept
// with; a corrupt entry is dropped and reported absent.
func (c *MemCache) Open(kind provision.CacheKind, name string) (io.ReadCloser, provision.CacheEntry, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[kind][name]
	if !ok {
		return nil, provision.CacheEntry{}, false, nil
	}
	if hash(e.data) != e.sum {
		delete(c.entries[kind], name)
		return nil, provision.CacheEntry{}, false, nil
	}
	c.Opens[string(kind)+"/"+name]++
	return io.NopCloser(bytes.NewReader(e.data)), entry(kind, name, e), true, nil
}

// Keep stores what r yields under kind/name.
func (c *MemCache) Keep(kind provision.CacheKind, name string, r io.Reader) (provision.CacheEntry, error) {
	// As the real store does: a kind it does not know is a caller's bug
	// that a permissive fake would hide.
	if !slices.Contains(provision.CacheKinds, kind) {
		return provision.CacheEntry{}, fmt.Errorf("keep %s %s: no cache kind is called %q", kind, name, kind)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return provision.CacheEntry{}, fmt.Errorf("keep %s %s: %w", kind, name, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries[kind] == nil {
		c.entries[kind] = map[string]memEntry{}
	}
	e := memEntry{data: b, sum: hash(b)}
	c.entries[kind][name] = e
	return entry(kind, name, e), nil
}

// Entries lists kind's entries by name, with the hash they were kept with.
func (c *MemCache) Entries(kind provision.CacheKind) ([]provision.CacheEntry, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []provision.CacheEntry
	for name, e := range c.entries[kind] {
		out = append(out, entry(kind, name, e))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Put stores content as kind/name, as Keep does, for a test's set-up.
func (c *MemCache) Put(kind provision.CacheKind, name, content string) {
	_, _ = c.Keep(kind, name, bytes.NewReader([]byte(content)))
}

// Get returns the content of kind/name, without checking it.
func (c *MemCache) Get(kind provision.CacheKind, name string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[kind][name]
	return string(e.data), ok
}

// Corrupt changes the content of kind/name behind the hash it was kept
// with, as a disk error or an edit would: Entries still lists it, Open
// drops it.
func (c *MemCache) Corrupt(kind provision.CacheKind, name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[kind][name]; ok {
		e.data = append(append([]byte{}, e.data...), '!')
		c.entries[kind][name] = e
	}
}

// Truncate cuts kind/name to half its size, as a copy interrupted midway
// would leave it.
func (c *MemCache) Truncate(kind provision.CacheKind, name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[kind][name]; ok {
		e.data = e.data[:len(e.data)/2]
		c.entries[kind][name] = e
	}
}

func entry(kind provision.CacheKind, name string, e memEntry) provision.CacheEntry {
	return provision.CacheEntry{Kind: kind, Name: name, Size: int64(len(e.data)), SHA256: e.sum}
}

func hash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
