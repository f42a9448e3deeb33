package provision

import "io"

// CacheKind names what a cache entry holds.
type CacheKind string

// The kinds of what nodes download and a lab cache keeps.
const (
	// CacheDeb is a package file apt downloaded, named as apt names it in
	// /var/cache/apt/archives (name_version_arch.deb).
	CacheDeb CacheKind = "deb"
	// CacheAptLists is a tar of /var/lib/apt/lists for one set of apt
	// sources, named by what identifies those sources.
	CacheAptLists CacheKind = "apt-lists"
	// CacheImage is `docker save` of one image, named by its reference.
	CacheImage CacheKind = "image"
	// CacheBinary is a downloaded program, named by its URL.
	CacheBinary CacheKind = "binary"
	// CacheKey is a repository's signing key, named by its URL.
	CacheKey CacheKind = "key"
)

// CacheKinds lists every kind a cache holds, in the order reports show
// them. A cache refuses any other kind, so a kind added here reaches
// every implementation at once.
var CacheKinds = []CacheKind{CacheDeb, CacheAptLists, CacheImage, CacheBinary, CacheKey, CacheManifest}

// CacheEntry is one file of a cache.
type CacheEntry struct {
	Kind CacheKind `json:"kind"`
	// Name is unique within Kind.
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Cache is the host's store of what nodes downloaded, so that the next lab,
// any lab, puts it on its nodes over the SSH connection it already has
// instead of fetching it again. An implementation checks an entry's hash
// before it hands it out: a corrupt or partial entry is dropped and reported
// absent, never installed. Package lab/cache implements it on disk;
// provisiontest has one in memory.
type Cache interface {
	// Open returns the content of kind/name, its hash checked; ok is false
	// when the cache does not hold it, or held a corrupt copy it dropped.
	Open(kind CacheKind, name string) (rc io.ReadCloser, e CacheEntry, ok bool, err error)
	// Keep stores what r yields as kind/name, replacing an entry of that
	// name; the entry appears only once it is complete and hashed.
	Keep(kind CacheKind, name string, r io.Reader) (CacheEntry, error)
	// Entries lists the entries of kind.
	Entries(kind CacheKind) ([]CacheEntry, error)
}
