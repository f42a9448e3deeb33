package cache

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/go-version"
)

// VagrantHome is Vagrant's own folder: VAGRANT_HOME, else ~/.vagrant.d.
func VagrantHome(getenv func(string) string) (string, error) {
	if h := getenv("VAGRANT_HOME"); h != "" {
		return h, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find Vagrant's folder: %w; set VAGRANT_HOME", err)
	}
	return filepath.Join(home, ".vagrant.d"), nil
}

// boxDir is where Vagrant keeps every version of a box:
// VAGRANT_HOME/boxes/NAME, with "/" in the name spelt -VAGRANTSLASH-.
func boxDir(vagrantHome, box string) string {
	return filepath.Join(vagrantHome, "boxes", strings.ReplaceAll(box, "/", "-VAGRANTSLASH-"))
}

// boxVersion picks the stored version of box that want names: a version, a
// constraint (">= 202401.0"), or "" for the newest. "" without error means
// the box is not stored.
func boxVersion(vagrantHome, box, want string) (string, error) {
	entries, err := os.ReadDir(boxDir(vagrantHome, box))
	if err != nil {
		if os.IsNotExist(err) {
			return "", nil
		}
		return "", fmt.Errorf("read Vagrant's box folder: %w", err)
	}
	var cons version.Constraints
	if want != "" {
		if cons, err = version.NewConstraint(want); err != nil {
			cons = nil // not a constraint: an exact folder name
		}
	}
	var found []*version.Version
	raw := map[*version.Version]string{}
	for _, e := range entries {
		if !e.IsDir() {
			continue // metadata_url
		}
		if e.Name() == want {
			return want, nil
		}
		v, err := version.NewVersion(e.Name())
		if err != nil || (want != "" && (cons == nil || !cons.Check(v))) {
			continue
		}
		found = append(found, v)
		raw[v] = e.Name()
	}
	if len(found) == 0 {
		return "", nil
	}
	return raw[slices.MaxFunc(found, func(a, b *version.Version) int { return a.Compare(b) })], nil
}

// boxFiles lists the files of one stored box version, relative to the box's
// folder with "/", providers and architectures included as Vagrant laid
// them out, and the box's metadata_url when there is one.
func boxFiles(dir, ver string) ([]string, error) {
	var out []string
	if st, err := os.Stat(filepath.Join(dir, "metadata_url")); err == nil && st.Mode().IsRegular() {
		out = append(out, "metadata_url")
	}
	err := filepath.WalkDir(filepath.Join(dir, ver), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	return out, err
}
