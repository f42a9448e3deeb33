package provision

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// AptHarvest returns a step that keeps in c what the node's apt downloaded:
// every package file in AptArchives the cache lacks (or holds with another
// hash), and the node's apt lists. Recipes put it at the end of each phase
// that installs, so an interrupted run loses little. Files come back over
// the Runner in tar batches; each is checked against the hash the node
// listed before it is kept, so a cut-off transfer keeps nothing partial.
// What the node used is recorded in m, for `up --offline`. With a nil cache
// the step always passes.
func AptHarvest(c Cache, m *Manifest) Step { return &aptHarvest{cache: c, manifest: m} }

type aptHarvest struct {
	cache    Cache
	manifest *Manifest
	// skip holds the files that came back damaged in this run: they are
	// not kept, and do not fail the Check after Apply (one node per value).
	skip map[string]bool
}

func (h *aptHarvest) Name() string { return "keep downloaded packages in the lab cache" }

// nodeDeb is a package file on the node.
type nodeDeb struct {
	name, sha256 string
	size         int64
}

// harvestState is what the node holds that the cache lacks.
type harvestState struct {
	debs      []nodeDeb
	listsID   string
	listsWant bool
}

const listDebs = "cd " + AptArchives + " 2>/dev/null && find . -maxdepth 1 -type f -name '*.deb' -printf '%s ' -exec sha256sum {} \\; || true"

func (h *aptHarvest) state(ctx context.Context, r Runner) (harvestState, error) {
	var st harvestState
	if h.cache == nil {
		return st, nil
	}
	res, err := r.Run(ctx, Command{Cmd: listDebs})
	if err != nil {
		return st, err
	}
	cached, err := entryHashes(h.cache, CacheDeb)
	if err != nil {
		return st, err
	}
	var used []ManifestItem
	for _, line := range strings.Split(string(res.Stdout), "\n") {
		f := strings.Fields(line) // SIZE HASH ./NAME
		if len(f) != 3 {
			continue
		}
		size, _ := strconv.ParseInt(f[0], 10, 64)
		d := nodeDeb{name: strings.TrimPrefix(f[2], "./"), sha256: f[1], size: size}
		used = append(used, ManifestItem{Kind: CacheDeb, Name: d.name})
		if cached[d.name] != d.sha256 && !h.skip[d.name] && !h.manifest.claimed(ManifestItem{Kind: CacheDeb, Name: d.name}) {
			st.debs = append(st.debs, d)
		}
	}
	id, lists, err := aptListsFacts(ctx, r)
	if err != nil {
		return st, err
	}
	if lists != "" {
		st.listsID = id
		used = append(used, ManifestItem{Kind: CacheAptLists, Name: id})
		hashes, err := entryHashes(h.cache, CacheAptLists)
		if err != nil {
			return st, err
		}
		// Until the node's lists are the cache's, the next run's seed
		// would replace them: the step is done only when they match.
		st.listsWant = hashes[id] != lists
	}
	return st, h.manifest.Record(used...)
}

// entryHashes maps the names of kind's entries to their hashes.
func entryHashes(c Cache, kind CacheKind) (map[string]string, error) {
	entries, err := c.Entries(kind)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(entries))
	for _, e := range entries {
		out[e.Name] = e.SHA256
	}
	return out, nil
}

func (h *aptHarvest) Check(ctx context.Context, r Runner) (bool, error) {
	st, err := h.state(ctx, r)
	return len(st.debs) == 0 && !st.listsWant, err
}

func (h *aptHarvest) Apply(ctx context.Context, r Runner) error {
	st, err := h.state(ctx, r)
	if err != nil {
		return err
	}
	st.debs = h.claimDebs(st.debs)
	for len(st.debs) > 0 {
		n, size := 0, int64(0)
		for n < len(st.debs) && (n == 0 || size+st.debs[n].size <= MaxUploadBatch) {
			size += st.debs[n].size
			n++
		}
		if err := h.keepDebs(ctx, r, st.debs[:n]); err != nil {
			return err
		}
		st.debs = st.debs[n:]
	}
	if st.listsWant {
		return h.syncLists(ctx, r, st.listsID)
	}
	return nil
}

// keepDebs reads debs back in one tar stream and keeps each one whose
// content has the hash the node listed.
func (h *aptHarvest) keepDebs(ctx context.Context, r Runner, debs []nodeDeb) error {
	names := make([]string, len(debs))
	for i, d := range debs {
		names[i] = d.name
	}
	cmd := "tar -c -C " + AptArchives + " -f - -- " + QuoteAll(names...)
	res, err := r.Run(ctx, Command{Cmd: cmd, Sudo: true, Secret: true, Timeout: 10 * time.Minute})
	if err != nil {
		return fmt.Errorf("read %d package file(s) back: %w", len(debs), err)
	}
	// A cut-off stream still yields the files before the cut.
	files, _ := readTar(res.Stdout)
	for _, d := range debs {
		b, ok := files[d.name]
		if sum := sha256.Sum256(b); !ok || hex.EncodeToString(sum[:]) != d.sha256 {
			if h.skip == nil {
				h.skip = map[string]bool{}
			}
			h.skip[d.name] = true // partial or changed on the way: never kept
			continue
		}
		if _, err := h.cache.Keep(CacheDeb, d.name, bytes.NewReader(b)); err != nil {
			return fmt.Errorf("keep %s: %w", d.name, err)
		}
	}
	return nil
}
