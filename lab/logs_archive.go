package lab

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// archive is a gzip'd tar written to a temporary file beside its path and
// renamed into place by commit; abort removes it. Entries sit under one
// folder named after the file, as `git archive --prefix` does, so that
// unpacking makes one folder.
type archive struct {
	path, root string
	f          *os.File
	gz         *gzip.Writer
	tw         *tar.Writer
	mtime      time.Time
	names      []string
	err        error
	done       bool
}

func createArchive(path string, mtime time.Time) (*archive, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, fmt.Errorf("logs export: %w", err)
	}
	gz := gzip.NewWriter(f)
	return &archive{path: path, root: archiveRoot(path), f: f, gz: gz, tw: tar.NewWriter(gz), mtime: mtime}, nil
}

// archiveRoot is the file's name without .tar.gz or .tgz.
func archiveRoot(path string) string {
	base := filepath.Base(path)
	for _, ext := range []string{".tar.gz", ".tgz", ".gz", ".tar"} {
		base = strings.TrimSuffix(base, ext)
	}
	if base == "" || base == "." {
		return "mesoslab-logs"
	}
	return base
}

// add writes one regular file; the first error sticks and commit returns it.
func (a *archive) add(name string, data []byte) {
	if a.err != nil {
		return
	}
	name = a.root + "/" + name
	a.err = a.tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o644, Size: int64(len(data)), ModTime: a.mtime})
	if a.err == nil {
		_, a.err = a.tw.Write(data)
	}
	a.names = append(a.names, name)
}

func (a *archive) addJSON(name string, v any) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		a.err = err
		return
	}
	a.add(name, append(data, '\n'))
}

func (a *archive) commit() error {
	for _, err := range []error{a.err, a.tw.Close(), a.gz.Close(), a.f.Close()} {
		if err != nil {
			return fmt.Errorf("logs export: write %s: %w", a.path, err)
		}
	}
	if err := os.Chmod(a.f.Name(), 0o644); err != nil {
		return fmt.Errorf("logs export: %w", err)
	}
	if err := os.Rename(a.f.Name(), a.path); err != nil {
		return fmt.Errorf("logs export: %w", err)
	}
	a.done = true
	return nil
}

func (a *archive) abort() {
	if a.done {
		return
	}
	a.f.Close()
	os.Remove(a.f.Name())
}
