// Package aptkey reads an apt repository's OpenPGP signing key and says
// whether it can still verify the repository's signatures, and until when.
// Provisioning reads the key with gpg on the node (the node's clock and gpg
// decide what apt will accept); `mesoslab doctor` reads the same key bytes
// on the host, where gpg may be missing. Both land in the one model here,
// so one set of rules (Usable, SignsUntil) judges the key in both places.
package aptkey

import (
	"fmt"
	"strings"
	"time"
)

// Key is one primary key or subkey.
type Key struct {
	// ID is the long key id in upper-case hex, as gpg prints it.
	ID string
	// Fingerprint is the full fingerprint in upper-case hex.
	Fingerprint string
	// Revoked is true when the key carries a revocation.
	Revoked bool
	// Expired is gpg's own mark; the clock given to Usable decides too.
	Expired bool
	// Expires is the expiry in epoch seconds; 0 when it never expires.
	Expires int64
	// CanSign is true when the key may make data signatures (key flag S).
	CanSign bool
}

// Cert is a primary key with its subkeys.
type Cert struct {
	Primary Key
	Subkeys []Key
}

func (k Key) expired(now int64) bool { return k.Expired || (k.Expires > 0 && k.Expires <= now) }

func (k Key) live(now int64) bool { return !k.Revoked && !k.expired(now) }

// Usable reports whether one of certs can still verify signatures at now
// (epoch seconds): its primary key is live and so is a key that may sign
// (the primary itself, or a signing subkey). Otherwise it says why, with
// the date the key stopped working.
func Usable(certs []Cert, now int64) (problem string, ok bool) {
	for _, c := range certs {
		if !c.Primary.live(now) {
			problem = describeDead(c.Primary, now, "the key")
			continue
		}
		var lastSigner *Key
		for _, k := range append([]Key{c.Primary}, c.Subkeys...) {
			if !k.CanSign {
				continue
			}
			if k.live(now) {
				return "", true
			}
			if lastSigner == nil || k.Expires > lastSigner.Expires {
				lastSigner = &k
			}
		}
		if lastSigner == nil {
			problem = fmt.Sprintf("the key %s has no signing key", c.Primary.ID)
		} else {
			problem = describeDead(*lastSigner, now, "its signing key")
		}
	}
	return problem, false
}

// SignsUntil returns the cert among certs that verifies signatures the
// longest from now, and when it stops (epoch seconds; 0 means never). ok is
// false when none is usable at now (Usable says why). A cert signs until
// the earlier of its primary's and its best live signing key's expiry.
func SignsUntil(certs []Cert, now int64) (best Cert, until int64, ok bool) {
	later := func(a, b int64) bool { return b != 0 && (a == 0 || a > b) } // a later than b
	for _, c := range certs {
		if !c.Primary.live(now) {
			continue
		}
		for _, k := range append([]Key{c.Primary}, c.Subkeys...) {
			if !k.CanSign || !k.live(now) {
				continue
			}
			end := k.Expires
			if later(end, c.Primary.Expires) {
				end = c.Primary.Expires
			}
			if !ok || later(end, until) {
				best, until, ok = c, end, true
			}
		}
	}
	return best, until, ok
}

// Day formats epoch seconds as the UTC date findings and errors print.
func Day(epoch int64) string { return time.Unix(epoch, 0).UTC().Format("2006-01-02") }

func describeDead(k Key, now int64, what string) string {
	if k.Revoked {
		return fmt.Sprintf("%s %s has been revoked", what, k.ID)
	}
	if k.Expires > 0 && k.Expires <= now {
		return fmt.Sprintf("%s %s expired on %s", what, k.ID, Day(k.Expires))
	}
	return fmt.Sprintf("%s %s has expired", what, k.ID)
}

// IDs lists the primary key ids of certs, for findings.
func IDs(certs []Cert) string {
	ids := make([]string, len(certs))
	for i, c := range certs {
		ids[i] = c.Primary.ID
	}
	return strings.Join(ids, ", ")
}
