package cache

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
)

// fakeVagrantHome lays out a box as Vagrant 2.4 stores it:
// boxes/NAME/VERSION/ARCH/virtualbox/ plus metadata_url.
func fakeVagrantHome(t *testing.T, versions ...string) string {
	t.Helper()
	home := t.TempDir()
	dir := filepath.Join(home, "boxes", "bento-VAGRANTSLASH-debian-12")
	for _, v := range versions {
		p := filepath.Join(dir, v, "amd64", "virtualbox")
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(p, "box.vmdk"), "disk of "+v)
		write(t, filepath.Join(p, "metadata.json"), `{"provider":"virtualbox"}`)
	}
	write(t, filepath.Join(dir, "metadata_url"), "https://boxes.test/bento/debian-12")
	return home
}

func filledStore(t *testing.T) *Store {
	s := openStore(t, t.TempDir())
	keep(t, s, provision.CacheDeb, "aventer-mesos_1.11.0-0.9.0.debian12_amd64.deb", "mesos deb")
	keep(t, s, provision.CacheImage, "mesosphere/marathon:v1.11.24", "marathon image")
	keep(t, s, provision.CacheKey, "https://keys.test/a.asc", "key")
	noise := make([]byte, 256<<10) // does not compress: a cut lands inside it
	_, _ = rand.NewChaCha8([32]byte{}).Read(noise)
	keep(t, s, provision.CacheAptLists, "bookworm", string(noise))
	return s
}

func export(t *testing.T, s *Store, o ExportOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := s.Export(context.Background(), &buf, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExportImportRoundTrip(t *testing.T) {
	src := filledStore(t)
	vhome := fakeVagrantHome(t, "202401.31.0", "202502.1.0")
	var buf bytes.Buffer
	res, err := src.Export(context.Background(), &buf, ExportOptions{Box: "bento/debian-12", VagrantHome: vhome})
	if err != nil || res.Entries != 4 || res.Box != "bento/debian-12 202502.1.0" {
		t.Fatalf("Export = %+v, %v", res, err)
	}
	dst := openStore(t, t.TempDir())
	keep(t, dst, provision.CacheDeb, "aventer-mesos_1.11.0-0.9.0.debian12_amd64.deb", "older copy")
	keep(t, dst, provision.CacheBinary, "https://bin.test/x", "stays")
	newHome := t.TempDir()
	ires, err := dst.Import(context.Background(), &buf, ImportOptions{VagrantHome: newHome})
	if err != nil || ires.Entries != 4 || ires.BoxPlaced == "" {
		t.Fatalf("Import = %+v, %v", ires, err)
	}
	for _, want := range []struct {
		kind          provision.CacheKind
		name, content string
	}{
		{provision.CacheDeb, "aventer-mesos_1.11.0-0.9.0.debian12_amd64.deb", "mesos deb"},
		{provision.CacheImage, "mesosphere/marathon:v1.11.24", "marathon image"},
		{provision.CacheKey, "https://keys.test/a.asc", "key"},
		{provision.CacheBinary, "https://bin.test/x", "stays"},
	} {
		if got, ok := readEntry(t, dst, want.kind, want.name); !ok || got != want.content {
			t.Errorf("after import %s = %q, %v; want %q", want.name, got, ok, want.content)
		}
	}
	box := filepath.Join(newHome, "boxes", "bento-VAGRANTSLASH-debian-12")
	if b, err := os.ReadFile(filepath.Join(box, "202502.1.0", "amd64", "virtualbox", "box.vmdk")); err != nil || string(b) != "disk of 202502.1.0" {
		t.Errorf("box disk after import: %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(box, "metadata_url")); err != nil {
		t.Errorf("metadata_url not restored: %v", err)
	}
	if _, err := os.Stat(filepath.Join(box, "202401.31.0")); !os.IsNotExist(err) {
		t.Error("an older box version went into the archive")
	}
	// Importing again keeps the box Vagrant already has.
	again, err := dst.Import(context.Background(), bytes.NewReader(export(t, src, ExportOptions{Box: "bento/debian-12", VagrantHome: vhome})), ImportOptions{VagrantHome: newHome})
	if err != nil || !strings.Contains(again.BoxNote, "already") {
		t.Errorf("second import = %+v, %v", again, err)
	}
}

func TestExportPicksThePinnedBoxOrNone(t *testing.T) {
	vhome := fakeVagrantHome(t, "202401.31.0", "202502.1.0")
	tests := []struct{ box, version, want string }{
		{"bento/debian-12", "202401.31.0", "bento/debian-12 202401.31.0"},
		{"bento/debian-12", "< 202500", "bento/debian-12 202401.31.0"},
		{"bento/debian-12", "", "bento/debian-12 202502.1.0"},
		{"bento/debian-12", "1.0.0", ""},
		{"other/box", "", ""},
		{"", "", ""},
	}
	s := filledStore(t)
	for _, tt := range tests {
		res, err := s.Export(context.Background(), &bytes.Buffer{}, ExportOptions{Box: tt.box, BoxVersion: tt.version, VagrantHome: vhome})
		if err != nil || res.Box != tt.want {
			t.Errorf("Export box %q %q: %q, %v; want %q", tt.box, tt.version, res.Box, err, tt.want)
		}
	}
}

// tamper rewrites an archive's members through edit.
func tamper(t *testing.T, archive []byte, edit func(hdr *tar.Header, body []byte) (*tar.Header, []byte)) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	tw := tar.NewWriter(zw)
	for {
		hdr, err := tr.Next()
		if err != nil {
			break
		}
		var body bytes.Buffer
		_, _ = body.ReadFrom(tr)
		hdr, b := edit(hdr, body.Bytes())
		if hdr == nil {
			continue
		}
		hdr.Size = int64(len(b))
		_ = tw.WriteHeader(hdr)
		_, _ = tw.Write(b)
	}
	_ = tw.Close()
	_ = zw.Close()
	return out.Bytes()
}

// TestImportRefusesBadArchivesAndChangesNothing: a truncated archive, a
// member whose hash does not match, a member escaping the cache (tar slip),
// a manifest entry naming a path: each is refused, and the cache and
// Vagrant's folder are as they were.
func TestImportRefusesBadArchivesAndChangesNothing(t *testing.T) {
	vhome := fakeVagrantHome(t, "202502.1.0")
	good := export(t, filledStore(t), ExportOptions{Box: "bento/debian-12", VagrantHome: vhome})
	flip := func(hdr *tar.Header, b []byte) (*tar.Header, []byte) {
		if strings.HasPrefix(hdr.Name, "cache/image/") {
			b = append([]byte(nil), b...)
			b[0] ^= 1
		}
		return hdr, b
	}
	editManifest := func(fn func(m *manifest)) func(*tar.Header, []byte) (*tar.Header, []byte) {
		return func(hdr *tar.Header, b []byte) (*tar.Header, []byte) {
			if hdr.Name != manifestName {
				return hdr, b
			}
			var m manifest
			_ = json.Unmarshal(b, &m)
			fn(&m)
			b, _ = json.Marshal(m)
			return hdr, b
		}
	}
	tests := []struct {
		name    string
		archive []byte
		want    string
	}{
		{"truncated in the manifest", good[:40], "ends early"},
		{"truncated in a member", good[:len(good)/2], "ends early"},
		{"cut after a member", tamper(t, good, func(hdr *tar.Header, b []byte) (*tar.Header, []byte) {
			if strings.HasPrefix(hdr.Name, "box/") {
				return nil, nil
			}
			return hdr, b
		}), "ends before"},
		{"hash mismatch", tamper(t, good, flip), "damaged"},
		{"tar slip member", tamper(t, good, func(hdr *tar.Header, b []byte) (*tar.Header, []byte) {
			if strings.HasPrefix(hdr.Name, "cache/key/") {
				hdr.Name = "cache/../../escaped"
			}
			return hdr, b
		}), "refused"},
		{"manifest file escapes", tamper(t, good, editManifest(func(m *manifest) { m.Entries[0].File = "../../escaped" })), "not stored as the cache stores it"},
		{"box path escapes", tamper(t, good, editManifest(func(m *manifest) { m.Box.Files[0].Path = "../../../escaped" })), "outside the box"},
		{"box version escapes", tamper(t, good, editManifest(func(m *manifest) { m.Box.Version = ".." })), "not a name Vagrant stores"},
		{"a symlink member", tamper(t, good, func(hdr *tar.Header, b []byte) (*tar.Header, []byte) {
			if strings.HasPrefix(hdr.Name, "cache/deb/") {
				hdr.Typeflag, hdr.Linkname, b = tar.TypeSymlink, "/etc/passwd", nil
			}
			return hdr, b
		}), "not a plain file"},
		{"not an archive", []byte("hello"), "not a gzip'd tar"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := openStore(t, t.TempDir())
			keep(t, dst, provision.CacheImage, "mesosphere/marathon:v1.11.24", "kept before")
			newHome := t.TempDir()
			_, err := dst.Import(context.Background(), bytes.NewReader(tt.archive), ImportOptions{VagrantHome: newHome})
			var ae *ArchiveError
			if !errors.As(err, &ae) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "nothing was changed") {
				t.Fatalf("Import = %v; want an ArchiveError saying %q", err, tt.want)
			}
			list, _ := dst.List(context.Background())
			if got, ok := readEntry(t, dst, provision.CacheImage, "mesosphere/marathon:v1.11.24"); len(list) != 1 || !ok || got != "kept before" {
				t.Errorf("the cache changed: %+v", list)
			}
			if left, _ := os.ReadDir(newHome); len(left) != 0 {
				t.Errorf("Vagrant's folder changed: %v", left)
			}
			if tmps, _ := os.ReadDir(filepath.Join(dst.dir, "tmp")); len(tmps) != 0 {
				t.Errorf("the import left %d staged files", len(tmps))
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(dst.dir), "escaped")); err == nil {
				t.Error("a member was written outside the cache")
			}
		})
	}
}

func TestExportFileLeavesNoPartialArchive(t *testing.T) {
	s := filledStore(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "workshop.tar.gz")
	res, err := s.ExportFile(context.Background(), path, ExportOptions{})
	if err != nil || res.Path != path || res.Entries != 4 {
		t.Fatalf("ExportFile = %+v, %v", res, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.ExportFile(ctx, filepath.Join(dir, "cancelled.tar.gz"), ExportOptions{}); err == nil {
		t.Error("a cancelled export succeeded")
	}
	if files, _ := os.ReadDir(dir); len(files) != 1 {
		t.Errorf("folder holds %d files after a cancelled export, want the one archive", len(files))
	}
}
