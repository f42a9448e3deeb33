package cache

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/mesoslab/mesoslab/provision"
)

// List returns the entries of the given kinds (every kind when none is
// given), sorted by kind and name. An entry whose file is gone or has
// another size is dropped and not listed; List does not hash.
func (s *Store) List(ctx context.Context, kinds ...provision.CacheKind) ([]Entry, error) {
	for _, k := range kinds {
		if err := checkKind(k); err != nil {
			return nil, err
		}
	}
	var out []Entry
	err := s.locked(func(ix *index) (bool, error) {
		changed := s.dropMissing(ix)
		for _, e := range ix.Entries {
			if len(kinds) == 0 || slices.Contains(kinds, e.Kind) {
				out = append(out, e)
			}
		}
		return changed, ctx.Err()
	})
	return out, err
}

// dropMissing removes the entries whose file is not there at its size.
func (s *Store) dropMissing(ix *index) bool {
	n := len(ix.Entries)
	ix.Entries = slices.DeleteFunc(ix.Entries, func(e Entry) bool {
		st, err := os.Stat(s.abs(e.File))
		if err != nil || st.Size() != e.Size {
			_ = os.Remove(s.abs(e.File))
			return true
		}
		return false
	})
	return len(ix.Entries) != n
}

// Sizes is what the cache takes on disk: bytes and entries per kind, and
// in all.
type Sizes struct {
	Kinds   []KindSize `json:"kinds"`
	Bytes   int64      `json:"bytes"`
	Entries int        `json:"entries"`
}

// KindSize is one kind's share of the cache.
type KindSize struct {
	Kind    provision.CacheKind `json:"kind"`
	Bytes   int64               `json:"bytes"`
	Entries int                 `json:"entries"`
}

// Size sums the entries per kind, every kind listed even when empty.
func (s *Store) Size(ctx context.Context) (Sizes, error) {
	list, err := s.List(ctx)
	if err != nil {
		return Sizes{}, err
	}
	return SizeOf(list), nil
}

// SizeOf sums entries per kind, in Kinds order.
func SizeOf(list []Entry) Sizes {
	var out Sizes
	for _, k := range Kinds {
		ks := KindSize{Kind: k}
		for _, e := range list {
			if e.Kind == k {
				ks.Bytes += e.Size
				ks.Entries++
			}
		}
		out.Kinds = append(out.Kinds, ks)
		out.Bytes += ks.Bytes
		out.Entries += ks.Entries
	}
	return out
}

// Clear removes the entries of the given kinds (every kind when none is
// given) and returns what it removed.
func (s *Store) Clear(ctx context.Context, kinds ...provision.CacheKind) (Sizes, error) {
	for _, k := range kinds {
		if err := checkKind(k); err != nil {
			return Sizes{}, err
		}
	}
	var removed []Entry
	err := s.locked(func(ix *index) (bool, error) {
		var errs []error
		ix.Entries = slices.DeleteFunc(ix.Entries, func(e Entry) bool {
			if len(kinds) > 0 && !slices.Contains(kinds, e.Kind) {
				return false
			}
			if err := os.Remove(s.abs(e.File)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
				return false
			}
			removed = append(removed, e)
			return true
		})
		return true, errors.Join(append(errs, ctx.Err())...)
	})
	return SizeOf(removed), err
}

// sweep removes what no complete entry owns: temp files nobody has written
// to for staleAfter (a Keep of a live process is younger), files in a kind
// folder the index does not name (a rename whose index update never
// happened), and entries whose file is gone. Called under the lock.
func (s *Store) sweep(ix *index) bool {
	tmps, _ := os.ReadDir(filepath.Join(s.dir, "tmp"))
	for _, t := range tmps {
		if info, err := t.Info(); err == nil && time.Since(info.ModTime()) > staleAfter {
			_ = os.RemoveAll(filepath.Join(s.dir, "tmp", t.Name()))
		}
	}
	if olds, _ := filepath.Glob(filepath.Join(s.dir, ".tmp-*")); olds != nil {
		for _, o := range olds {
			if info, err := os.Stat(o); err == nil && time.Since(info.ModTime()) > staleAfter {
				_ = os.Remove(o)
			}
		}
	}
	owned := map[string]bool{}
	for _, e := range ix.Entries {
		owned[e.File] = true
	}
	for _, k := range Kinds {
		files, _ := os.ReadDir(filepath.Join(s.dir, string(k)))
		for _, f := range files {
			if !owned[string(k)+"/"+f.Name()] {
				_ = os.RemoveAll(filepath.Join(s.dir, string(k), f.Name()))
			}
		}
	}
	return s.dropMissing(ix)
}
