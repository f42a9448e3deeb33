// Package cache is the lab cache on disk, $MESOSLAB_HOME/cache: what nodes
// downloaded (.deb files, apt lists, saved images, binaries, signing keys),
// kept by kind and name so that the next lab, any lab, installs from it
// instead of the network, and a presenter can hand the whole of it out as
// one archive (Export, Import). Store implements provision.Cache.
//
// On disk: index.json lists every complete entry with its size and sha256;
// KIND/FILE holds its content; tmp/ holds what is being written. Every
// change of the index happens under a lock (a mutex for the goroutines of
// one process, a flock on the file "lock" for other mesoslab processes).
package cache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gofrs/flock"
	"github.com/mesoslab/mesoslab/provision"
)

// Kinds lists every kind of entry, in the order reports show them.
var Kinds = provision.CacheKinds

// staleAfter is how long a temp file may go unwritten before it is taken
// for the leftover of a process that died mid-Keep and removed.
const staleAfter = 15 * time.Minute

// Store is the cache in one folder. It is safe for concurrent use by
// goroutines and, through its lock file, by several processes.
type Store struct {
	dir string
	mu  sync.Mutex
	fl  *flock.Flock
	// now stamps new entries; tests replace it.
	now func() time.Time
}

var _ provision.Cache = (*Store)(nil)

// Dir is the cache folder of a mesoslab home (lab.Home).
func Dir(home string) string { return filepath.Join(home, "cache") }

// Open opens (creating it if need be) the cache in dir, and removes what an
// interrupted mesoslab left: stale temp files, files no entry names, and
// entries whose file is gone.
func Open(dir string) (*Store, error) {
	for _, sub := range append([]string{"tmp"}, kindStrings()...) {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, fmt.Errorf("create the cache folder: %w", err)
		}
	}
	s := &Store{dir: dir, fl: flock.New(filepath.Join(dir, "lock")), now: time.Now}
	err := s.locked(func(ix *index) (bool, error) { return s.sweep(ix), nil })
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Path is the cache folder.
func (s *Store) Path() string { return s.dir }

func kindStrings() []string {
	var out []string
	for _, k := range Kinds {
		out = append(out, string(k))
	}
	return out
}

// locked runs fn with the index read under the lock, and writes the index
// back when fn says it changed it.
func (s *Store) locked(fn func(ix *index) (changed bool, err error)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.fl.Lock(); err != nil {
		return fmt.Errorf("lock the cache %s: %w", s.dir, err)
	}
	defer func() { _ = s.fl.Unlock() }()
	ix, err := readIndex(s.dir)
	reset := false
	if ce := (*CorruptIndexError)(nil); errors.As(err, &ce) {
		// The index is only ever replaced whole, so one that cannot be read
		// was damaged outside mesoslab. It is kept aside for a look and the
		// cache starts afresh: the sweep drops the files it named, so
		// nothing unchecked is ever served, and nodes fetch them again.
		if rerr := os.Rename(ce.Path, ce.Path+".damaged"); rerr != nil {
			return errors.Join(err, rerr)
		}
		ix, err, reset = &index{Format: indexFormat}, nil, true
	}
	if err != nil {
		return err
	}
	changed, err := fn(ix)
	if changed || reset {
		err = errors.Join(err, ix.write(s.dir))
	}
	return err
}

// Keep stores what r yields as kind/name. The content is written and hashed
// in tmp/ without the lock, so nodes keeping different files do not wait for
// each other; only the rename into place and the index update are locked, so
// of two Keeps of one name the last complete one wins, whole.
func (s *Store) Keep(kind provision.CacheKind, name string, r io.Reader) (provision.CacheEntry, error) {
	if err := checkKind(kind); err != nil {
		return provision.CacheEntry{}, err
	}
	if name == "" {
		return provision.CacheEntry{}, fmt.Errorf("cache %s: an entry needs a name", kind)
	}
	f, err := os.CreateTemp(filepath.Join(s.dir, "tmp"), "keep-*")
	if err != nil {
		return provision.CacheEntry{}, fmt.Errorf("cache %s %s: %w", kind, name, err)
	}
	tmp := f.Name()
	defer func() { _ = os.Remove(tmp) }() // a no-op once renamed
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), r)
	if err := errors.Join(err, f.Sync(), f.Close()); err != nil {
		return provision.CacheEntry{}, fmt.Errorf("cache %s %s: %w", kind, name, err)
	}
	e := Entry{CacheEntry: provision.CacheEntry{Kind: kind, Name: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))},
		Added: s.now().UTC(), File: string(kind) + "/" + fileName(name)}
	err = s.locked(func(ix *index) (bool, error) {
		if err := os.Rename(tmp, s.abs(e.File)); err != nil {
			return false, err
		}
		if i, ok := ix.find(kind, name); ok {
			ix.Entries[i] = e
		} else {
			ix.Entries = append(ix.Entries, e)
		}
		return true, nil
	})
	if err != nil {
		return provision.CacheEntry{}, fmt.Errorf("cache %s %s: %w", kind, name, err)
	}
	return e.CacheEntry, nil
}

func (s *Store) abs(file string) string { return filepath.Join(s.dir, filepath.FromSlash(file)) }

func checkKind(kind provision.CacheKind) error {
	for _, k := range Kinds {
		if k == kind {
			return nil
		}
	}
	return &KindError{Kind: string(kind)}
}

// KindError is a kind the cache does not hold.
type KindError struct{ Kind string }

func (e *KindError) Error() string {
	return fmt.Sprintf("no cache kind is called %q; use one of %v", e.Kind, kindStrings())
}

// Open returns kind/name's content once its size and sha256 match the
// index. A mismatch (a flipped byte, a truncated file, a file gone) drops
// the entry and reports it absent: the caller fetches it again.
func (s *Store) Open(kind provision.CacheKind, name string) (io.ReadCloser, provision.CacheEntry, bool, error) {
	// Hashing happens outside the lock; an entry replaced meanwhile is
	// looked up again rather than dropped.
	for range 3 {
		var e Entry
		var found bool
		if err := s.locked(func(ix *index) (bool, error) {
			i, ok := ix.find(kind, name)
			if ok {
				e, found = ix.Entries[i], true
			}
			return false, nil
		}); err != nil {
			return nil, provision.CacheEntry{}, false, err
		}
		if !found {
			return nil, provision.CacheEntry{}, false, nil
		}
		f, err := s.verified(e)
		if err == nil {
			return f, e.CacheEntry, true, nil
		}
		if dropped, err := s.drop(e); err != nil {
			return nil, provision.CacheEntry{}, false, err
		} else if dropped {
			return nil, provision.CacheEntry{}, false, nil
		}
	}
	return nil, provision.CacheEntry{}, false, nil
}

// verified opens e's file and hashes it through the same handle it returns,
// so what was checked is what is read.
func (s *Store) verified(e Entry) (*os.File, error) {
	f, err := os.Open(s.abs(e.File))
	if err != nil {
		return nil, err
	}
	if err := checkContent(f, e.CacheEntry); err != nil {
		_ = f.Close()
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		_ = f.Close()
		return nil, err
	}
	return f, nil
}

// checkContent compares a file's size, then its sha256, with e.
func checkContent(f *os.File, e provision.CacheEntry) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.Size() != e.Size {
		return fmt.Errorf("%s %s is %d bytes, the index says %d", e.Kind, e.Name, st.Size(), e.Size)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != e.SHA256 {
		return fmt.Errorf("%s %s has sha256 %s, the index says %s", e.Kind, e.Name, got, e.SHA256)
	}
	return nil
}

// drop removes e if the index still names exactly e; false means another
// Keep replaced it meanwhile.
func (s *Store) drop(e Entry) (bool, error) {
	dropped := false
	err := s.locked(func(ix *index) (bool, error) {
		i, ok := ix.find(e.Kind, e.Name)
		if !ok {
			dropped = true
			return false, nil
		}
		if !sameEntry(ix.Entries[i], e) {
			return false, nil
		}
		ix.remove(i)
		dropped = true
		err := os.Remove(s.abs(e.File))
		if os.IsNotExist(err) {
			err = nil
		}
		return true, err
	})
	return dropped, err
}

// Entries lists the entries of kind whose file is there at its recorded
// size; an entry that fails that is dropped. Hashes are checked by Open.
func (s *Store) Entries(kind provision.CacheKind) ([]provision.CacheEntry, error) {
	list, err := s.List(context.Background(), kind)
	var out []provision.CacheEntry
	for _, e := range list {
		out = append(out, e.CacheEntry)
	}
	return out, err
}

func sameEntry(a, b Entry) bool {
	return a.CacheEntry == b.CacheEntry && a.File == b.File && a.Added.Equal(b.Added)
}
