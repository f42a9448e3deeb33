package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// maxFileName keeps an encoded name well under the 255 bytes most file
// systems allow, with room for the hash that keeps a cut name unique.
const maxFileName = 160

// windowsReserved are device names Windows refuses as a file name, with or
// without an extension.
var windowsReserved = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true}

// fileName turns an entry's name (a .deb name, an image reference, a URL)
// into one file name that is safe on every host: no separators, no "." or
// "..", nothing a case-insensitive file system (macOS, Windows) could fold
// into another entry. Lower-case letters, digits and "-_+" are kept; every
// other byte, upper-case letters included, is %XX, so the encoding is
// one-to-one. A long result is cut and ends in a hash of the whole name.
func fileName(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_', c == '+':
			b.WriteByte(c)
		case c == '.' && i > 0 && i < len(name)-1:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	s := b.String()
	if stem, _, _ := strings.Cut(s, "."); windowsReserved[stem] {
		s = fmt.Sprintf("%%%02X", s[0]) + s[1:]
	}
	if len(s) > maxFileName {
		sum := sha256.Sum256([]byte(name))
		s = s[:maxFileName-17] + "~" + hex.EncodeToString(sum[:8])
	}
	return s
}
