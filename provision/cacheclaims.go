package provision

// The nodes of a phase download the same packages and refresh the same apt
// lists at about the same time, then each would read its copy back to the
// host: one copy per run is enough. A node claims what it is about to keep;
// the others see the claim and leave those entries to it.
//
// A claim holds for the run, kept or not: were a node to give up a file
// whose stream was cut, the other nodes of its phase, already past their
// checks, would each read it again or fail their re-check. What one run
// could not keep, the next run keeps.

// claim returns the items no node of this run has claimed yet, and claims
// them for the caller. A nil *Manifest claims everything: without a run to
// share, every node keeps its own.
func (m *Manifest) claim(items ...ManifestItem) []ManifestItem {
	if m == nil {
		return items
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.claims == nil {
		m.claims = map[ManifestItem]bool{}
	}
	var out []ManifestItem
	for _, it := range items {
		if !m.claims[it] {
			m.claims[it] = true
			out = append(out, it)
		}
	}
	return out
}

// claimed reports whether a node of this run has claimed it.
func (m *Manifest) claimed(it ManifestItem) bool {
	if m == nil {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.claims[it]
}

// lockLists holds the run's other nodes out of their apt lists sync until
// the returned func is called (see syncLists). A nil *Manifest shares
// nothing, and holds nobody.
func (m *Manifest) lockLists() (unlock func()) {
	if m == nil {
		return func() {}
	}
	m.listsMu.Lock()
	return m.listsMu.Unlock
}

// claimDebs returns the debs no other node of the run is keeping.
func (h *aptHarvest) claimDebs(debs []nodeDeb) []nodeDeb {
	items := make([]ManifestItem, len(debs))
	for i, d := range debs {
		items[i] = ManifestItem{Kind: CacheDeb, Name: d.name}
	}
	mine := map[string]bool{}
	for _, it := range h.manifest.claim(items...) {
		mine[it.Name] = true
	}
	var out []nodeDeb
	for _, d := range debs {
		if mine[d.name] {
			out = append(out, d)
		}
	}
	return out
}
