package cache

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// manifestName is the archive's first entry: what the rest holds, with
// every file's size and sha256, so Import checks each as it unpacks.
const manifestName = "mesoslab-cache.json"

// manifest is mesoslab-cache.json.
type manifest struct {
	Format  int       `json:"format"`
	Created time.Time `json:"created"`
	Entries []Entry   `json:"entries"`
	Box     *boxPart  `json:"box,omitempty"`
}

// boxPart is a Vagrant box as its own files: Files are relative to the
// box's folder in VAGRANT_HOME/boxes and stored under box/ in the archive.
type boxPart struct {
	Name    string     `json:"name"`
	Version string     `json:"version"`
	Files   []boxEntry `json:"files"`
}

type boxEntry struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// ExportOptions say which Vagrant box goes with the cache.
type ExportOptions struct {
	// Box and BoxVersion name the lab's box ("" version: the newest
	// stored); "" Box, or a box Vagrant has not stored, exports no box.
	Box, BoxVersion string
	// VagrantHome is Vagrant's folder (see VagrantHome).
	VagrantHome string
	// Now stamps the archive; nil means time.Now.
	Now func() time.Time
}

// ExportResult says what an archive holds.
type ExportResult struct {
	Path    string `json:"path,omitempty"`
	Entries int    `json:"entries"`
	Bytes   int64  `json:"bytes"`
	// Box is "NAME VERSION", "" when no box went in.
	Box      string `json:"box,omitempty"`
	BoxBytes int64  `json:"box_bytes,omitempty"`
}

// Export writes the whole cache, and the lab's box when Vagrant has it, to
// w as one gzip'd tar. The cache is locked meanwhile, so the archive is one
// consistent state of it; an entry whose content no longer matches its hash
// fails the export rather than going out damaged.
func (s *Store) Export(ctx context.Context, w io.Writer, o ExportOptions) (ExportResult, error) {
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	var res ExportResult
	err := s.locked(func(ix *index) (bool, error) {
		changed := s.dropMissing(ix)
		m := manifest{Format: indexFormat, Created: now().UTC(), Entries: ix.Entries}
		box, err := s.boxPart(o)
		if err != nil {
			return changed, err
		}
		m.Box = box
		return changed, writeArchive(ctx, w, m, s.dir, o.VagrantHome, &res)
	})
	return res, err
}

// boxPart hashes the files of the lab's box, nil when there is none.
func (s *Store) boxPart(o ExportOptions) (*boxPart, error) {
	if o.Box == "" || o.VagrantHome == "" {
		return nil, nil
	}
	ver, err := boxVersion(o.VagrantHome, o.Box, o.BoxVersion)
	if err != nil || ver == "" {
		return nil, err
	}
	dir := boxDir(o.VagrantHome, o.Box)
	files, err := boxFiles(dir, ver)
	if err != nil {
		return nil, fmt.Errorf("read box %s %s: %w", o.Box, ver, err)
	}
	b := &boxPart{Name: o.Box, Version: ver}
	for _, f := range files {
		size, sum, err := hashFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			return nil, fmt.Errorf("read box %s %s: %w", o.Box, ver, err)
		}
		b.Files = append(b.Files, boxEntry{Path: f, Size: size, SHA256: sum})
	}
	return b, nil
}

func hashFile(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	return n, hex.EncodeToString(h.Sum(nil)), err
}

func writeArchive(ctx context.Context, w io.Writer, m manifest, dir, vagrantHome string, res *ExportResult) error {
	zw := gzip.NewWriter(w)
	tw := tar.NewWriter(zw)
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	hdr := &tar.Header{Name: manifestName, Mode: 0o644, Size: int64(len(data)), ModTime: m.Created, Typeflag: tar.TypeReg}
	if err := tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("write the archive: %w", err)
	}
	if _, err := tw.Write(data); err != nil {
		return fmt.Errorf("write the archive: %w", err)
	}
	for _, e := range m.Entries {
		if err := addFile(ctx, tw, "cache/"+e.File, filepath.Join(dir, filepath.FromSlash(e.File)), e.Size, e.SHA256, e.Added); err != nil {
			return err
		}
		res.Entries++
		res.Bytes += e.Size
	}
	if m.Box != nil {
		bdir := boxDir(vagrantHome, m.Box.Name)
		for _, f := range m.Box.Files {
			if err := addFile(ctx, tw, "box/"+f.Path, filepath.Join(bdir, filepath.FromSlash(f.Path)), f.Size, f.SHA256, m.Created); err != nil {
				return err
			}
			res.BoxBytes += f.Size
		}
		res.Box = m.Box.Name + " " + m.Box.Version
	}
	if err := errors.Join(tw.Close(), zw.Close()); err != nil {
		return fmt.Errorf("write the archive: %w", err)
	}
	return nil
}

// addFile copies one file into the archive, checking on the way that it is
// what the manifest says.
func addFile(ctx context.Context, tw *tar.Writer, name, path string, size int64, sum string, mod time.Time) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("export %s: %w", name, err)
	}
	defer f.Close()
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: size, ModTime: mod, Typeflag: tar.TypeReg}); err != nil {
		return fmt.Errorf("export %s: %w", name, err)
	}
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(tw, h), io.LimitReader(f, size)); err != nil {
		return fmt.Errorf("export %s: %w", name, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum {
		return fmt.Errorf("export %s: its content changed or is damaged (sha256 %s, expected %s); run `mesoslab cache list` to drop damaged entries and export again", name, got, sum)
	}
	return nil
}

// ExportFile writes the archive to path through a temp file beside it, so an
// interrupted export leaves no half archive. The caller checks path first
// (lab.CheckExportPath).
func (s *Store) ExportFile(ctx context.Context, path string, o ExportOptions) (ExportResult, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return ExportResult{}, fmt.Errorf("export to %s: %w", path, err)
	}
	defer func() { _ = os.Remove(f.Name()) }()
	res, err := s.Export(ctx, f, o)
	if err = errors.Join(err, f.Sync(), f.Close()); err != nil {
		return ExportResult{}, err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return ExportResult{}, fmt.Errorf("export to %s: %w", path, err)
	}
	res.Path = path
	return res, nil
}
