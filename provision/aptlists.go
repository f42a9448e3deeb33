package provision

import (
	"context"
	"strings"
	"time"
)

// AptListsDir is where apt keeps the package lists apt-get update fetched.
const AptListsDir = "/var/lib/apt/lists"

// listsFacts prints what names a node's apt lists in a cache, "id=" the
// distribution, release and architecture with a hash of the apt sources,
// and "lists=" the SHA256 of listsTar ("" when there are no lists).
const listsFacts = `. /etc/os-release
echo "id=${ID}-${VERSION_CODENAME:-$VERSION_ID}-$(dpkg --print-architecture)-$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null | sha256sum | cut -c1-16)"
if compgen -G '` + AptListsDir + `/*_Packages*' >/dev/null; then echo "lists=$(` + listsTar + ` | sha256sum | cut -d' ' -f1)"; else echo "lists="; fi`

// listsTar writes the node's lists as a tar that is the same for the same
// files: sorted, without directories, owner and mode fixed. apt keeps each
// list's modification time at the server's Last-Modified, so it is stable.
const listsTar = `(cd ` + AptListsDir + ` && find . -maxdepth 1 -type f ! -name lock -printf '%P\n' | LC_ALL=C sort | tar -c --owner=0 --group=0 --numeric-owner --mode=0644 -f - -T -)`

// aptListsFacts reads listsFacts.
func aptListsFacts(ctx context.Context, r Runner) (id, lists string, err error) {
	res, err := r.Run(ctx, Command{Cmd: listsFacts, Sudo: true})
	if err != nil {
		return "", "", err
	}
	for _, line := range strings.Split(string(res.Stdout), "\n") {
		if v, ok := strings.CutPrefix(line, "id="); ok {
			id = strings.TrimSpace(v)
		} else if v, ok := strings.CutPrefix(line, "lists="); ok {
			lists = strings.TrimSpace(v)
		}
	}
	return id, lists, nil
}

// AptListsSeed returns a step that puts the cached apt lists for the node's
// apt sources into AptListsDir when the node's lists differ from them, so
// that apt knows every package before any download; offline, it is what
// apt installs from, and no apt-get update runs. The entry is named by the
// distribution, architecture and a hash of the sources, so changed sources
// never get another's lists. With a nil cache, or no entry, it passes.
func AptListsSeed(c Cache) Step { return &aptListsSeed{cache: c} }

type aptListsSeed struct{ cache Cache }

func (s *aptListsSeed) Name() string { return "cached apt lists" }

// wanted returns the cache entry to seed, if the node lacks it.
func (s *aptListsSeed) wanted(ctx context.Context, r Runner) (string, bool, error) {
	if s.cache == nil {
		return "", false, nil
	}
	id, lists, err := aptListsFacts(ctx, r)
	if err != nil {
		return "", false, err
	}
	entries, err := s.cache.Entries(CacheAptLists)
	if err != nil {
		return "", false, err
	}
	for _, e := range entries {
		if e.Name == id {
			return id, e.SHA256 != lists, nil
		}
	}
	return id, false, nil
}

func (s *aptListsSeed) Check(ctx context.Context, r Runner) (bool, error) {
	_, want, err := s.wanted(ctx, r)
	return !want, err
}

func (s *aptListsSeed) Apply(ctx context.Context, r Runner) error {
	id, want, err := s.wanted(ctx, r)
	if err != nil || !want {
		return err
	}
	return seedLists(ctx, r, s.cache, id)
}

// seedLists replaces the node's apt lists with the cache's copy of id.
func seedLists(ctx context.Context, r Runner, c Cache, id string) error {
	rc, _, ok, err := c.Open(CacheAptLists, id)
	if err != nil || !ok {
		return err // a corrupt entry was dropped: apt-get update fetches
	}
	defer rc.Close()
	b, err := readAll(rc)
	if err != nil {
		return err
	}
	cmd := "find " + AptListsDir + " -maxdepth 1 -type f ! -name lock -delete && tar -x --no-same-owner -C " + AptListsDir + " -f -"
	_, err = r.Run(ctx, Command{Cmd: cmd, Stdin: b, Sudo: true, Timeout: 10 * time.Minute})
	return err
}
