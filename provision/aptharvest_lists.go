package provision

import (
	"bytes"
	"context"
	"fmt"
	"time"
)

// The nodes of a phase refresh their apt lists at about the same time, yet
// their copies can differ (apt keeps each file's Last-Modified, and mirrors
// behind one name answer from different states). Were each node to keep
// its own, each would replace the others' and leave their checks failing;
// were one to keep its copy and the others keep theirs on the node, the
// next run's seed would replace theirs, and a run after a good one would
// change things. So one node per run keeps its lists, and every other node
// of the run takes that copy: afterwards every node's lists are the
// cache's, and the next run finds nothing to do.

// syncLists makes the node's apt lists for the sources id the cache's copy:
// the first node of the run to get here keeps its own, the others take it.
// Nodes pass here one at a time, so a node never takes a copy that is
// still being kept.
func (h *aptHarvest) syncLists(ctx context.Context, r Runner, id string) error {
	defer h.manifest.lockLists()()
	_, lists, err := aptListsFacts(ctx, r)
	if err != nil {
		return err
	}
	hashes, err := entryHashes(h.cache, CacheAptLists)
	if err != nil {
		return err
	}
	// The first node to claim the run's copy keeps its own; so does a
	// node that finds none in the cache (the keeper could not keep it).
	first := len(h.manifest.claim(ManifestItem{Kind: CacheAptLists, Name: id})) == 1
	switch {
	case lists == "" || lists == hashes[id]:
		return nil
	case first || hashes[id] == "":
		return h.keepLists(ctx, r, id)
	default:
		if err := seedLists(ctx, r, h.cache, id); err != nil {
			return fmt.Errorf("take the apt lists another node kept: %w", err)
		}
		return nil
	}
}

// keepLists reads the node's apt lists back and keeps them as id.
func (h *aptHarvest) keepLists(ctx context.Context, r Runner, id string) error {
	res, err := r.Run(ctx, Command{Cmd: listsTar, Sudo: true, Secret: true, Timeout: 10 * time.Minute})
	if err != nil {
		return fmt.Errorf("read the apt lists back: %w", err)
	}
	if _, err := h.cache.Keep(CacheAptLists, id, bytes.NewReader(res.Stdout)); err != nil {
		return fmt.Errorf("keep apt lists %s: %w", id, err)
	}
	return nil
}
