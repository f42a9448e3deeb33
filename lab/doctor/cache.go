package doctor

import (
	"context"
	"errors"
	"fmt"
	"github.com/dustin/go-humanize"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/mesoslab/mesoslab/lab/cache"
	"github.com/mesoslab/mesoslab/provision"
)

// fillCacheFix is the advice whenever the cache lacks what the lab needs.
const fillCacheFix = "run one `mesoslab up` online, or `mesoslab cache import FILE` with a cache exported where one ran"

// checkCache reports what the lab cache holds and whether it holds what
// this lab downloads. It reads only index.json, never hashing a file, so it
// answers within the run's bound; a cache is advice, so it only warns.
func checkCache(ctx context.Context, p *probe, lab Lab) finding {
	index := cache.IndexPath(lab.CacheDir)
	data, err := p.h.ReadFile(ctx, index)
	var entries []cache.Entry
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// A store writes its index on the first change: a folder without
		// one is an empty cache, no folder is no cache at all.
		if _, derr := p.h.ReadDir(ctx, lab.CacheDir); errors.Is(derr, fs.ErrNotExist) {
			return finding{StatusWarn, fmt.Sprintf("no lab cache yet in %s: the first `up` downloads %s", lab.CacheDir, lab.cacheWants()), fillCacheFix}
		}
	case err != nil:
		return finding{StatusWarn, fmt.Sprintf("cannot read the lab cache index %s: %v", index, err),
			"check that the folder is readable; `mesoslab cache list` shows what it holds"}
	default:
		if entries, err = cache.ParseIndex(data); err != nil {
			return finding{StatusWarn, fmt.Sprintf("the lab cache index %s cannot be read (%v): nothing cached is used", index, err),
				"nothing to do: the next `mesoslab up` (or `mesoslab cache clear`) sets " + index + " aside as index.json.damaged and starts the cache afresh"}
		}
	}
	if len(entries) == 0 {
		return finding{StatusWarn, fmt.Sprintf("the lab cache in %s is empty: the first `up` downloads %s", lab.CacheDir, lab.cacheWants()), fillCacheFix}
	}
	have, missing := cacheHolds(entries, lab, debArch(p.h.Arch()))
	line := fmt.Sprintf("lab cache %s: %s", lab.CacheDir, cacheSummary(entries))
	if len(have) > 0 {
		line += "; cached for this lab: " + strings.Join(have, ", ")
	}
	if len(missing) > 0 {
		return finding{StatusWarn, line + "; not cached: " + strings.Join(missing, ", "), fillCacheFix}
	}
	return ok(line)
}

// cacheHolds sorts what the lab downloads into what the cache holds (with
// the version a package would install from it) and what it lacks.
func cacheHolds(entries []cache.Entry, lab Lab, arch string) (have, missing []string) {
	for _, pin := range lab.CachePackages {
		pkg, want, _ := strings.Cut(pin, "=")
		if d, found := cache.PickDeb(entries, pkg, want, arch); found {
			have = append(have, pkg+" "+d.Version)
			continue
		}
		name := pkg + " (any version)"
		if want != "" {
			name = pkg + "=" + want
		}
		var other []string
		for _, d := range cache.DebsOf(entries, pkg) {
			v := d.Version
			if arch != "" && d.Arch != arch && d.Arch != "all" {
				v += " for " + d.Arch
			}
			if !slices.Contains(other, v) {
				other = append(other, v)
			}
		}
		if len(other) > 0 {
			name += " (cached: " + strings.Join(other, ", ") + ")"
		}
		missing = append(missing, name)
	}
	sort := func(kind provision.CacheKind, label string, names []string, match func(want, have string) bool) {
		for _, n := range names {
			if slices.ContainsFunc(entries, func(e cache.Entry) bool { return e.Kind == kind && match(n, e.Name) }) {
				have = append(have, label+" "+n)
			} else {
				missing = append(missing, label+" "+n)
			}
		}
	}
	same := func(want, have string) bool { return want == have }
	sort(provision.CacheImage, "image", lab.CacheImages, same)
	sort(provision.CacheBinary, "binary", lab.CacheBinaries, urlMatches)
	sort(provision.CacheKey, "key", lab.CacheKeys, same)
	return have, missing
}

// urlMatches reports whether a cached URL is the template's: the node
// fills in {arch} itself, so any build of the release counts.
func urlMatches(template, url string) bool {
	parts := strings.Split(template, "{arch}")
	for i, s := range parts {
		parts[i] = regexp.QuoteMeta(s)
	}
	re, err := regexp.Compile("^" + strings.Join(parts, "[^/]+") + "$")
	return err == nil && re.MatchString(url)
}

// cacheSummary counts the entries of each kind and their total size, in
// the order `mesoslab cache size` lists kinds, then any kind this doctor
// does not know (a newer mesoslab's).
func cacheSummary(entries []cache.Entry) string {
	count := map[provision.CacheKind]int{}
	var total int64
	kinds := slices.Clone(cache.Kinds)
	for _, e := range entries {
		count[e.Kind]++
		total += e.Size
		if !slices.Contains(kinds, e.Kind) {
			kinds = append(kinds, e.Kind)
		}
	}
	var parts []string
	for _, k := range kinds {
		if count[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", count[k], k))
		}
	}
	return fmt.Sprintf("%d entries, %s (%s)", len(entries), humanize.IBytes(uint64(total)), strings.Join(parts, ", "))
}

// cacheWants says in a few words what the lab would put in the cache.
func (l Lab) cacheWants() string {
	var parts []string
	add := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(len(l.CachePackages), "package", "packages")
	add(len(l.CacheImages), "image", "images")
	add(len(l.CacheBinaries), "binary", "binaries")
	add(len(l.CacheKeys), "signing key", "signing keys")
	if len(parts) == 0 {
		return "everything afresh"
	}
	return "everything afresh (" + strings.Join(parts, ", ") + ")"
}

// debArch is the Debian architecture of the lab's nodes, which run the
// host's: "" (any) where the names differ.
func debArch(goarch string) string {
	if goarch == "amd64" || goarch == "arm64" {
		return goarch
	}
	return ""
}
