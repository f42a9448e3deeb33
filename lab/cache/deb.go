package cache

import (
	"context"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/mesoslab/mesoslab/provision"
)

// Deb is a cached package file with what its name says: apt names the files
// of /var/cache/apt/archives PACKAGE_VERSION_ARCH.deb, with an epoch's ":"
// written "%3a".
type Deb struct {
	Package string `json:"package"`
	Version string `json:"version"`
	Arch    string `json:"arch"`
	Entry   Entry  `json:"entry"`
}

// ParseDebName splits a .deb file name; ok is false for a name apt would not
// have given a package file.
func ParseDebName(name string) (pkg, ver, arch string, ok bool) {
	base, found := strings.CutSuffix(path.Base(name), ".deb")
	parts := strings.Split(base, "_")
	if !found || len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return "", "", "", false
	}
	ver, err := url.PathUnescape(parts[1])
	if err != nil {
		return "", "", "", false
	}
	return parts[0], ver, parts[2], true
}

// DebsOf picks the package files of pkg from entries, newest version first
// (Debian's ordering: epoch, then upstream and revision with "~" before
// anything).
func DebsOf(entries []Entry, pkg string) []Deb {
	var out []Deb
	for _, e := range entries {
		if e.Kind != provision.CacheDeb {
			continue
		}
		if p, v, a, ok := ParseDebName(e.Name); ok && p == pkg {
			out = append(out, Deb{Package: p, Version: v, Arch: a, Entry: e})
		}
	}
	slices.SortStableFunc(out, func(a, b Deb) int { return -provision.CompareDebianVersions(a.Version, b.Version) })
	return out
}

// PickDeb chooses the cached file of pkg for a version pinned in the spec:
// the newest when want is "", else one whose version is want exactly or,
// for a pin ending in "*" as apt accepts (pkg=1.11*), starts with the rest.
// arch "" takes any architecture; "all" packages fit every one. ok is
// false when no cached file fits: the node fetches it.
func PickDeb(entries []Entry, pkg, want, arch string) (Deb, bool) {
	for _, d := range DebsOf(entries, pkg) {
		if arch != "" && d.Arch != arch && d.Arch != "all" {
			continue
		}
		if VersionMatches(d.Version, want) {
			return d, true
		}
	}
	return Deb{}, false
}

// VersionMatches reports whether a package version fits a pin as PickDeb
// reads it.
func VersionMatches(have, want string) bool {
	if prefix, glob := strings.CutSuffix(want, "*"); glob {
		return strings.HasPrefix(have, prefix)
	}
	return want == "" || have == want
}

// Debs lists the cached files of pkg, newest version first.
func (s *Store) Debs(ctx context.Context, pkg string) ([]Deb, error) {
	list, err := s.List(ctx, provision.CacheDeb)
	if err != nil {
		return nil, err
	}
	return DebsOf(list, pkg), nil
}

// PickDeb is the package-level PickDeb over what the store holds.
func (s *Store) PickDeb(ctx context.Context, pkg, want, arch string) (Deb, bool, error) {
	list, err := s.List(ctx, provision.CacheDeb)
	if err != nil {
		return Deb{}, false, err
	}
	d, ok := PickDeb(list, pkg, want, arch)
	return d, ok, nil
}
