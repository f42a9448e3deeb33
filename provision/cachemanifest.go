package provision

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
)

// CacheManifest is the kind of a manifest entry: what an online run of one
// kind of lab (box, components, pinned versions) put in the cache, so that
// an offline run can say, before any machine exists, what it would miss.
const CacheManifest CacheKind = "manifest"

// ManifestItem is one cache entry a lab needs.
type ManifestItem struct {
	Kind CacheKind `json:"kind"`
	Name string    `json:"name"`
}

// Manifest records, during a run, the entries its nodes used or kept, under
// one name in a cache. It is safe for the concurrent nodes of a phase. A nil
// *Manifest records nothing.
type Manifest struct {
	mu    sync.Mutex
	cache Cache
	name  string
	items []ManifestItem
	// claims are the entries some node of this run is keeping or kept
	// (see claim).
	claims map[ManifestItem]bool
	// listsMu orders the nodes' apt lists sync (see syncLists).
	listsMu sync.Mutex
}

// OpenManifest loads the manifest name from c (empty when c has none).
func OpenManifest(c Cache, name string) (*Manifest, error) {
	m := &Manifest{cache: c, name: name}
	items, _, err := ReadManifest(c, name)
	m.items = items
	return m, err
}

// ReadManifest returns the items of the manifest name; ok is false when the
// cache holds none (or a corrupt one).
func ReadManifest(c Cache, name string) (items []ManifestItem, ok bool, err error) {
	rc, _, ok, err := c.Open(CacheManifest, name)
	if err != nil || !ok {
		return nil, false, err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, false, fmt.Errorf("read cache manifest %s: %w", name, err)
	}
	var doc struct {
		Items []ManifestItem `json:"items"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, false, fmt.Errorf("cache manifest %s: %w", name, err)
	}
	return doc.Items, true, nil
}

// Record adds items and writes the manifest back when one was new.
func (m *Manifest) Record(items ...ManifestItem) error {
	if m == nil || m.cache == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	added := false
	for _, it := range items {
		if !slices.Contains(m.items, it) {
			m.items = append(m.items, it)
			added = true
		}
	}
	if !added {
		return nil
	}
	slices.SortFunc(m.items, func(a, b ManifestItem) int {
		if a.Kind != b.Kind {
			return strings.Compare(string(a.Kind), string(b.Kind))
		}
		return strings.Compare(a.Name, b.Name)
	})
	b, err := json.MarshalIndent(struct {
		Items []ManifestItem `json:"items"`
	}{m.items}, "", "  ")
	if err != nil {
		return err
	}
	if _, err := m.cache.Keep(CacheManifest, m.name, bytes.NewReader(b)); err != nil {
		return fmt.Errorf("keep cache manifest %s: %w", m.name, err)
	}
	return nil
}
