package provision

import (
	"context"
	"strconv"
	"strings"
)

// AptArchives is where apt keeps the package files it downloaded, and looks
// for them before downloading.
const AptArchives = "/var/cache/apt/archives"

// AptSeed returns a step that puts the cached package files apt needs for
// names (as PackageSpec.Names takes them) into AptArchives before the
// Package step of names runs, so apt-get install finds them locally. apt
// itself says what it needs (`apt-get install --print-uris`: file name,
// size and SHA256 of every package it would download), so a pinned version
// picks only the matching cached file, and a cached file whose hash differs
// from what the lists name is left for apt to fetch. With a nil cache the
// step always passes.
func AptSeed(c Cache, names []string) Step { return &aptSeed{cache: c, names: names} }

type aptSeed struct {
	cache Cache
	names []string
}

func (s *aptSeed) Name() string { return "cached packages for " + strings.Join(s.names, " ") }

// aptWant is one package file apt would download.
type aptWant struct {
	file   string
	size   int64
	sha256 string
}

// missing lists the files apt needs that the node lacks and the cache holds
// with the hash apt expects.
func (s *aptSeed) missing(ctx context.Context, r Runner) ([]cachedFile, error) {
	if s.cache == nil || len(s.names) == 0 {
		return nil, nil
	}
	// An unknown package or stale lists make --print-uris fail: nothing to
	// seed, and the Package step explains or refreshes.
	cmd := "apt-get install -y -qq --no-install-recommends --print-uris -- " + QuoteAll(s.names...) + " 2>/dev/null || true\n" +
		"echo '--- archives'\nls -1 -- " + AptArchives + " 2>/dev/null || true"
	res, err := r.Run(ctx, Command{Cmd: cmd, Sudo: true})
	if err != nil {
		return nil, err
	}
	wants, have := parsePrintURIs(string(res.Stdout))
	if len(wants) == 0 {
		return nil, nil
	}
	entries, err := s.cache.Entries(CacheDeb)
	if err != nil {
		return nil, err
	}
	cached := map[string]CacheEntry{}
	for _, e := range entries {
		cached[e.Name] = e
	}
	var out []cachedFile
	for _, w := range wants {
		e, ok := cached[w.file]
		if !ok || have[w.file] || (w.sha256 != "" && e.SHA256 != w.sha256) {
			continue
		}
		out = append(out, cachedFile{name: w.file, kind: CacheDeb, key: w.file, size: e.Size})
	}
	return out, nil
}

// parsePrintURIs reads `apt-get --print-uris` lines ('URI' FILE SIZE
// SHA256:HASH) up to the "--- archives" marker, then the file names the
// node's archive directory holds.
func parsePrintURIs(out string) ([]aptWant, map[string]bool) {
	var wants []aptWant
	have := map[string]bool{}
	archives := false
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "--- archives":
			archives = true
		case archives && line != "":
			have[line] = true
		case strings.HasPrefix(line, "'"):
			f := strings.Fields(line)
			if len(f) < 3 || !strings.HasSuffix(f[1], ".deb") {
				continue
			}
			w := aptWant{file: f[1]}
			w.size, _ = strconv.ParseInt(f[2], 10, 64)
			if len(f) > 3 {
				if h, ok := strings.CutPrefix(f[3], "SHA256:"); ok {
					w.sha256 = strings.ToLower(h)
				}
			}
			wants = append(wants, w)
		}
	}
	return wants, have
}

func (s *aptSeed) Check(ctx context.Context, r Runner) (bool, error) {
	m, err := s.missing(ctx, r)
	return len(m) == 0, err
}

func (s *aptSeed) Apply(ctx context.Context, r Runner) error {
	m, err := s.missing(ctx, r)
	if err != nil {
		return err
	}
	// An entry Open drops as corrupt is no longer listed, so the Check
	// after this passes and apt fetches that package itself.
	_, err = uploadCached(ctx, r, s.cache, AptArchives, m)
	return err
}
