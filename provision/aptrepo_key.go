package provision

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/provision/aptkey"
)

// aptKeyStep keeps a repository's signing key in the keyring that the
// source line names. The key is fetched at provision time, never shipped
// with mesoslab: its owner extends it every few years, and a stale copy
// would fail with EXPKEYSIG deep inside apt. Check wants the key from the
// configured URL (recorded in a marker file) and still valid by the node's
// clock. An expired key makes Apply fetch it again, which picks up an
// extension; Apply fails with a *SourceError when the fetched key has
// expired too, or cannot be fetched.
type aptKeyStep struct {
	spec    SignedRepoSpec
	keyring string // the ASCII-armored key, named by signed-by=
	marker  string // holds the URL the key came from
	owner   string // owner of both files
	// cache, when set, holds the key by URL: a cached key is used instead
	// of a download, and a download is kept. offline never downloads.
	cache    Cache
	manifest *Manifest
	offline  bool
	stale    bool // the cached copy expired: download in this Apply
}

func (k *aptKeyStep) Name() string { return "apt key " + k.keyring }

// showKeys prints the node's clock and the keys of an armored key read from
// file (or stdin when file is empty) in gpg's colon format. A throw-away
// home keeps gpg from creating /root/.gnupg.
func showKeys(file string) string {
	cmd := "date +%s\nh=$(mktemp -d)\ntrap 'rm -rf -- \"$h\"' EXIT\n" +
		"gpg --homedir \"$h\" --batch --quiet --show-keys --with-colons"
	if file != "" {
		cmd += " -- " + Quote(file)
	}
	return cmd
}

func (k *aptKeyStep) Check(ctx context.Context, r Runner) (bool, error) {
	cmd := "echo \"source=$(cat -- " + Quote(k.marker) + " 2>/dev/null)\"\n" +
		"[ -s " + Quote(k.keyring) + " ] || exit 0\n" +
		// An unreadable key is an answer ("fetch it again"), not an error.
		showKeys(k.keyring) + " || true"
	res, err := r.Run(ctx, Command{Cmd: cmd, Sudo: true})
	if err != nil {
		return false, err
	}
	source, rest, _ := strings.Cut(string(res.Stdout), "\n")
	if strings.TrimPrefix(source, "source=") != k.spec.KeyURL {
		return false, nil
	}
	now, certs, err := parseKeyReport(rest)
	if err != nil {
		return false, nil // no readable key: fetch it
	}
	_, ok := aptkey.Usable(certs, now)
	return ok, nil
}

func (k *aptKeyStep) Apply(ctx context.Context, r Runner) error {
	url := k.spec.KeyURL
	key, cached, err := k.cached()
	if err != nil {
		return err
	}
	if !cached {
		if key, err = k.download(ctx, r); err != nil {
			return err
		}
	}
	if !aptkey.IsArmored(key) {
		return k.fail(aptkey.ErrNotArmored.Error(),
			"set "+k.spec.KeyURLKey+" to the URL of the armored (.asc) key", nil)
	}
	res, err := r.Run(ctx, Command{Cmd: showKeys(""), Stdin: key})
	if err != nil {
		return k.fail("gpg cannot read the key", "set "+k.spec.KeyURLKey+" to the repository's public key", err)
	}
	now, certs, err := parseKeyReport(string(res.Stdout))
	if err != nil {
		return k.fail(err.Error(), "set "+k.spec.KeyURLKey+" to the repository's public key", nil)
	}
	if problem, ok := aptkey.Usable(certs, now); !ok {
		if cached && !k.offline {
			// The cached copy expired; the owner may have extended it.
			k.stale = true
			defer func() { k.stale = false }()
			return k.Apply(ctx, r)
		}
		return k.fail(problem, "the repository's owner extends or replaces its key every few years: set "+
			k.spec.KeyURLKey+" in mesoslab.yaml to the URL of the current key, or point "+k.spec.RepoKey+
			" and "+k.spec.KeyURLKey+" at a mirror signed with a valid key", nil)
	}
	if err := k.keep(key, cached); err != nil {
		return err
	}
	for _, f := range []FileSpec{
		{Path: k.keyring, Content: key, Mode: 0o644, Owner: k.owner},
		{Path: k.marker, Content: []byte(url + "\n"), Mode: 0o644, Owner: k.owner},
	} {
		if err := File(f).Apply(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// download fetches the key on the node.
func (k *aptKeyStep) download(ctx context.Context, r Runner) ([]byte, error) {
	if k.offline {
		return nil, k.fail("offline, and the lab cache does not hold the key",
			"run one `mesoslab up` online to keep it in the cache, or `mesoslab cache import FILE`", nil)
	}
	fetch := "curl -fsSL --retry 2 --connect-timeout 10 --max-time 30 -- " + Quote(k.spec.KeyURL)
	res, err := r.Run(ctx, Command{Cmd: fetch, Timeout: 2 * time.Minute})
	if code := ExitStatus(err); code > 0 {
		return nil, k.fail(CurlProblem(code), "check that the nodes reach it, or set "+k.spec.KeyURLKey+
			" in mesoslab.yaml to a reachable copy of the repository's signing key", err)
	}
	return res.Stdout, err
}

// cached returns the key the cache holds for its URL, hash-checked.
func (k *aptKeyStep) cached() ([]byte, bool, error) {
	if k.cache == nil || k.stale {
		return nil, false, nil
	}
	rc, _, ok, err := k.cache.Open(CacheKey, k.spec.KeyURL)
	if err != nil || !ok {
		return nil, false, err
	}
	defer rc.Close()
	b, err := readAll(rc)
	return b, err == nil, err
}

// keep stores a downloaded key once it proved usable, and records it.
func (k *aptKeyStep) keep(key []byte, cached bool) error {
	if k.cache == nil {
		return nil
	}
	if !cached {
		if _, err := k.cache.Keep(CacheKey, k.spec.KeyURL, bytes.NewReader(key)); err != nil {
			return fmt.Errorf("keep key %s in the lab cache: %w", k.spec.KeyURL, err)
		}
	}
	return k.manifest.Record(ManifestItem{Kind: CacheKey, Name: k.spec.KeyURL})
}

func (k *aptKeyStep) fail(problem, fix string, err error) error {
	return &SourceError{Key: k.spec.KeyURLKey, Value: k.spec.KeyURL, Problem: problem, Fix: fix, Err: err}
}

// parseKeyReport reads the output of showKeys: the node's clock in epoch
// seconds, then gpg's colon listing.
func parseKeyReport(out string) (int64, []aptkey.Cert, error) {
	first, rest, _ := strings.Cut(out, "\n")
	now, err := strconv.ParseInt(strings.TrimSpace(first), 10, 64)
	if err != nil {
		return 0, nil, fmt.Errorf("unexpected clock %q from the node", first)
	}
	certs := aptkey.ParseColons(rest)
	if len(certs) == 0 {
		return 0, nil, fmt.Errorf("the file holds no OpenPGP public key")
	}
	return now, certs, nil
}
