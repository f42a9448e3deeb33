package cache

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/mesoslab/mesoslab/provision"
)

// indexFormat is the version of index.json's layout.
const indexFormat = 1

// Entry is one cached file as List reports it: the seam's CacheEntry, when
// it was added, and its file under the cache folder.
type Entry struct {
	provision.CacheEntry
	Added time.Time `json:"added"`
	// File is the entry's path relative to the cache folder, with "/".
	File string `json:"file"`
}

// index is index.json: every complete entry, sorted by kind and name.
type index struct {
	Format  int     `json:"format"`
	Entries []Entry `json:"entries"`
}

// ParseIndex reads the content of a cache's index.json, for a reader that
// only needs what the cache holds (the doctor) and must not hash or lock.
func ParseIndex(data []byte) ([]Entry, error) {
	var ix index
	if err := json.Unmarshal(data, &ix); err != nil {
		return nil, err
	}
	if ix.Format != indexFormat {
		return nil, fmt.Errorf("index format %d, this mesoslab reads %d", ix.Format, indexFormat)
	}
	return ix.Entries, nil
}

// IndexPath is the index of the cache in dir.
func IndexPath(dir string) string { return filepath.Join(dir, "index.json") }

func readIndex(dir string) (*index, error) {
	data, err := os.ReadFile(IndexPath(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return &index{Format: indexFormat}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the cache index: %w", err)
	}
	entries, err := ParseIndex(data)
	if err != nil {
		return nil, &CorruptIndexError{Path: IndexPath(dir), Err: err}
	}
	return &index{Format: indexFormat, Entries: entries}, nil
}

// CorruptIndexError is an index.json that cannot be read; since it is only
// ever replaced whole, it was edited or damaged outside mesoslab.
type CorruptIndexError struct {
	Path string
	Err  error
}

func (e *CorruptIndexError) Error() string {
	return fmt.Sprintf("the cache index %s cannot be read (%v); the next mesoslab command that uses the cache sets it aside as %s.damaged and starts afresh", e.Path, e.Err, e.Path)
}

func (e *CorruptIndexError) Unwrap() error { return e.Err }

// write replaces index.json whole: a temp file beside it, then a rename, so a
// reader sees the old index or the new one, never half of one.
func (ix *index) write(dir string) error {
	slices.SortFunc(ix.Entries, func(a, b Entry) int {
		if a.Kind != b.Kind {
			return cmp.Compare(a.Kind, b.Kind)
		}
		return cmp.Compare(a.Name, b.Name)
	})
	data, err := json.MarshalIndent(ix, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(IndexPath(dir), data)
}

func (ix *index) find(kind provision.CacheKind, name string) (int, bool) {
	for i, e := range ix.Entries {
		if e.Kind == kind && e.Name == name {
			return i, true
		}
	}
	return -1, false
}

func (ix *index) remove(i int) { ix.Entries = slices.Delete(ix.Entries, i, i+1) }

// writeAtomic writes data to path through a temp file in the same folder.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
		_ = os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		_ = os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
