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
	"path"
	"path/filepath"
	"strings"
)

// ImportOptions say where a box in the archive goes.
type ImportOptions struct {
	// VagrantHome is Vagrant's folder (see VagrantHome); "" leaves a box
	// in the archive out.
	VagrantHome string
}

// ImportResult says what an import added.
type ImportResult struct {
	Entries int   `json:"entries"`
	Bytes   int64 `json:"bytes"`
	// Box is "NAME VERSION" of the archive's box, "" when it had none.
	Box string `json:"box,omitempty"`
	// BoxPlaced is where the box now is; BoxNote says why it was not put
	// there (already stored, no Vagrant folder).
	BoxPlaced string `json:"box_placed,omitempty"`
	BoxNote   string `json:"box_note,omitempty"`
}

// ArchiveError is an archive Import refuses; the cache is left as it was.
type ArchiveError struct {
	Entry string // the archive member, "" for the archive as a whole
	Msg   string
}

func (e *ArchiveError) Error() string {
	at := ""
	if e.Entry != "" {
		at = " at " + e.Entry
	}
	return "the cache archive cannot be imported" + at + ": " + e.Msg + "; nothing was changed"
}

// Import unpacks an archive Export wrote. Every member is checked against
// the manifest as it is unpacked (its name, size and sha256) into a folder
// of its own; only when the whole archive checked out are the entries moved
// into the cache (replacing entries of the same name) and the box into
// Vagrant's folder. A truncated or damaged archive, or one with a member
// outside the cache or the box, changes nothing.
func (s *Store) Import(ctx context.Context, r io.Reader, o ImportOptions) (ImportResult, error) {
	stage, err := os.MkdirTemp(filepath.Join(s.dir, "tmp"), "import-*")
	if err != nil {
		return ImportResult{}, fmt.Errorf("import: %w", err)
	}
	defer func() { _ = os.RemoveAll(stage) }()
	m, err := unpack(ctx, r, stage)
	if err != nil {
		return ImportResult{}, err
	}
	var res ImportResult
	err = s.locked(func(ix *index) (bool, error) {
		for _, e := range m.Entries {
			if err := os.Rename(filepath.Join(stage, "cache", filepath.FromSlash(e.File)), s.abs(e.File)); err != nil {
				return res.Entries > 0, fmt.Errorf("import %s %s: %w", e.Kind, e.Name, err)
			}
			if i, ok := ix.find(e.Kind, e.Name); ok {
				ix.Entries[i] = e
			} else {
				ix.Entries = append(ix.Entries, e)
			}
			res.Entries++
			res.Bytes += e.Size
		}
		return true, nil
	})
	if err != nil || m.Box == nil {
		return res, err
	}
	res.Box = m.Box.Name + " " + m.Box.Version
	res.BoxPlaced, res.BoxNote, err = placeBox(m.Box, filepath.Join(stage, "box"), o.VagrantHome)
	return res, err
}

// placeBox moves the unpacked box into Vagrant's folder, unless that version
// is stored already.
func placeBox(b *boxPart, from, vagrantHome string) (string, string, error) {
	if vagrantHome == "" {
		return "", "Vagrant's folder is unknown, so the box was left out; set VAGRANT_HOME and import again", nil
	}
	dir := boxDir(vagrantHome, b.Name)
	dest := filepath.Join(dir, b.Version)
	if _, err := os.Stat(dest); err == nil {
		return dest, "Vagrant already had this version; it was kept", nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", fmt.Errorf("import box %s: %w", b.Name, err)
	}
	if err := os.Rename(filepath.Join(from, b.Version), dest); err != nil {
		return "", "", fmt.Errorf("import box %s %s into %s: %w", b.Name, b.Version, dir, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "metadata_url")); os.IsNotExist(err) {
		_ = os.Rename(filepath.Join(from, "metadata_url"), filepath.Join(dir, "metadata_url"))
	}
	return dest, "", nil
}

// unpack reads the manifest, then every member into stage, checking each.
func unpack(ctx context.Context, r io.Reader, stage string) (*manifest, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, &ArchiveError{Msg: "it is not a gzip'd tar (" + err.Error() + "); name a file `mesoslab cache export` wrote"}
	}
	tr := tar.NewReader(zr)
	hdr, err := tr.Next()
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, truncated("", err)
	}
	if err != nil || hdr.Name != manifestName {
		return nil, &ArchiveError{Msg: "it does not start with " + manifestName + "; name a file `mesoslab cache export` wrote"}
	}
	var m manifest
	if err := json.NewDecoder(io.LimitReader(tr, 64<<20)).Decode(&m); err != nil && errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, truncated(manifestName, err)
	} else if err != nil || m.Format != indexFormat {
		return nil, &ArchiveError{Entry: manifestName, Msg: fmt.Sprintf("unreadable or of another format (%v)", err)}
	}
	want, err := expected(&m)
	if err != nil {
		return nil, err
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, truncated("", err)
		}
		ex, ok := want[hdr.Name]
		if !ok || hdr.Typeflag != tar.TypeReg {
			return nil, &ArchiveError{Entry: hdr.Name, Msg: "a member the manifest does not list, or not a plain file (a path outside the cache is refused)"}
		}
		delete(want, hdr.Name)
		if err := unpackOne(tr, hdr.Name, filepath.Join(stage, filepath.FromSlash(hdr.Name)), ex); err != nil {
			return nil, err
		}
	}
	for name := range want {
		return nil, &ArchiveError{Entry: name, Msg: "the archive ends before this member (truncated?); copy the archive again"}
	}
	return &m, nil
}

type sized struct {
	size int64
	sum  string
}

// expected lists the members the manifest promises, refusing any name that
// is not a cache file as Keep would name it or a path inside the box.
func expected(m *manifest) (map[string]sized, error) {
	want := map[string]sized{}
	for _, e := range m.Entries {
		if checkKind(e.Kind) != nil || e.Name == "" || e.File != string(e.Kind)+"/"+fileName(e.Name) {
			return nil, &ArchiveError{Entry: "cache/" + e.File, Msg: fmt.Sprintf("entry %s %q is not stored as the cache stores it", e.Kind, e.Name)}
		}
		want["cache/"+e.File] = sized{e.Size, e.SHA256}
	}
	if b := m.Box; b != nil {
		if b.Name == "" || b.Version == "" || !safeRel(b.Version) || strings.Contains(b.Version, "/") || strings.Contains(b.Name, "..") || strings.Contains(b.Name, `\`) {
			return nil, &ArchiveError{Entry: manifestName, Msg: fmt.Sprintf("box %q version %q is not a name Vagrant stores", b.Name, b.Version)}
		}
		for _, f := range b.Files {
			if !safeRel(f.Path) || (f.Path != "metadata_url" && !strings.HasPrefix(f.Path, b.Version+"/")) {
				return nil, &ArchiveError{Entry: "box/" + f.Path, Msg: "a path outside the box's version folder is refused"}
			}
			want["box/"+f.Path] = sized{f.Size, f.SHA256}
		}
	}
	return want, nil
}

// safeRel reports whether p is a clean relative slash path that stays inside
// the folder it is joined to, on every host OS.
func safeRel(p string) bool {
	return p != "" && path.Clean(p) == p && !path.IsAbs(p) && p != ".." && !strings.HasPrefix(p, "../") &&
		!strings.ContainsAny(p, `\:`) && filepath.IsLocal(filepath.FromSlash(p))
}

func unpackOne(tr *tar.Reader, name, dest string, ex sized) error {
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	f, err := os.Create(dest)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), tr)
	if err := errors.Join(err, f.Close()); err != nil {
		return truncated(name, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); n != ex.size || got != ex.sum {
		return &ArchiveError{Entry: name, Msg: fmt.Sprintf("damaged: %d bytes with sha256 %s, the manifest says %d bytes with %s; export it again", n, got, ex.size, ex.sum)}
	}
	return nil
}

func truncated(name string, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, tar.ErrHeader) {
		return &ArchiveError{Entry: name, Msg: "the archive ends early or is damaged (" + err.Error() + "); copy it again"}
	}
	return fmt.Errorf("import %s: %w", name, err)
}

// ImportFile imports the archive at path.
func (s *Store) ImportFile(ctx context.Context, path string, o ImportOptions) (ImportResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import %s: %w", path, err)
	}
	defer f.Close()
	return s.Import(ctx, f, o)
}
