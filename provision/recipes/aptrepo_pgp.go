package recipes

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// pgpKey is one primary key or subkey from `gpg --with-colons` output.
type pgpKey struct {
	keyID    string
	validity string // field 2: "e" expired, "r" revoked, ...
	expires  int64  // field 7, epoch seconds; 0 when it never expires
	caps     string // field 12: lower case for this key's own capabilities
}

// pgpCert is a primary key with its subkeys.
type pgpCert struct {
	primary pgpKey
	subs    []pgpKey
}

// parseColons reads the pub and sub records of gpg's colon listing
// (doc/DETAILS in GnuPG); other records are ignored.
func parseColons(out string) []pgpCert {
	var certs []pgpCert
	for _, line := range strings.Split(out, "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), ":")
		if len(f) < 12 || (f[0] != "pub" && f[0] != "sub") {
			continue
		}
		exp, _ := strconv.ParseInt(f[6], 10, 64)
		k := pgpKey{keyID: f[4], validity: f[1], expires: exp, caps: f[11]}
		switch {
		case f[0] == "pub":
			certs = append(certs, pgpCert{primary: k})
		case len(certs) > 0:
			last := &certs[len(certs)-1]
			last.subs = append(last.subs, k)
		}
	}
	return certs
}

func (k pgpKey) expired(now int64) bool {
	return k.validity == "e" || (k.expires > 0 && k.expires <= now)
}

func (k pgpKey) live(now int64) bool { return k.validity != "r" && !k.expired(now) }

// usableCert reports whether one of certs can still verify signatures at
// now: its primary key is live and so is a key that may sign (the primary
// itself, or a signing subkey). Otherwise it says why, with the date the
// key stopped working.
func usableCert(certs []pgpCert, now int64) (problem string, ok bool) {
	for _, c := range certs {
		if !c.primary.live(now) {
			problem = describeDead(c.primary, now, "the key")
			continue
		}
		var lastSigner *pgpKey
		for _, k := range append([]pgpKey{c.primary}, c.subs...) {
			if !strings.Contains(k.caps, "s") {
				continue
			}
			if k.live(now) {
				return "", true
			}
			if lastSigner == nil || k.expires > lastSigner.expires {
				lastSigner = &k
			}
		}
		if lastSigner == nil {
			problem = fmt.Sprintf("the key %s has no signing key", c.primary.keyID)
		} else {
			problem = describeDead(*lastSigner, now, "its signing key")
		}
	}
	return problem, false
}

func describeDead(k pgpKey, now int64, what string) string {
	if k.validity == "r" {
		return fmt.Sprintf("%s %s has been revoked", what, k.keyID)
	}
	if k.expires > 0 && k.expires <= now {
		return fmt.Sprintf("%s %s expired on %s", what, k.keyID, time.Unix(k.expires, 0).UTC().Format("2006-01-02"))
	}
	return fmt.Sprintf("%s %s has expired", what, k.keyID)
}
