package aptkey

import (
	"strconv"
	"strings"
)

// ParseColons reads the pub, sub and fpr records of gpg's colon listing
// (`gpg --show-keys --with-colons`, doc/DETAILS in GnuPG); other records
// are ignored. Field 2 is the validity ("e" expired, "r" revoked), field 5
// the key id, field 7 the expiry, field 12 the capabilities (lower case for
// the key's own), and an fpr record's field 10 the fingerprint of the key
// before it.
func ParseColons(out string) []Cert {
	var certs []Cert
	var last *Key
	for _, line := range strings.Split(out, "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), ":")
		if f[0] == "fpr" && len(f) >= 10 && last != nil && last.Fingerprint == "" {
			last.Fingerprint = f[9]
			continue
		}
		if len(f) < 12 || (f[0] != "pub" && f[0] != "sub") {
			continue
		}
		exp, _ := strconv.ParseInt(f[6], 10, 64)
		k := Key{ID: f[4], Revoked: f[1] == "r", Expired: f[1] == "e", Expires: exp, CanSign: strings.Contains(f[11], "s")}
		switch {
		case f[0] == "pub":
			certs = append(certs, Cert{Primary: k})
			last = &certs[len(certs)-1].Primary
		case len(certs) > 0:
			c := &certs[len(certs)-1]
			c.Subkeys = append(c.Subkeys, k)
			last = &c.Subkeys[len(c.Subkeys)-1]
		}
	}
	return certs
}
