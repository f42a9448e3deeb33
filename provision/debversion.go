package provision

import (
	"strconv"
	"strings"
)

// CompareDebianVersions orders two Debian package versions as dpkg does
// (deb-version(7)): it returns a negative number when a is older than b, 0
// when they are equal, and a positive number when a is newer. A version is
// [epoch:]upstream[-revision]; the parts are compared in that order, and
// within a part runs of digits compare as numbers and the rest character
// by character, letters before other characters and "~" before anything,
// even the end of the part. So 1.11.0-0.10.0 is newer than 1.11.0-0.9.0,
// 1.0~rc1 older than 1.0, and 1.11.0-0.7.1.debian12 newer than
// 1.11.0-0.7.1. Neither plain string order nor semantic versioning gives
// these answers.
func CompareDebianVersions(a, b string) int {
	ea, ua, ra := splitDebianVersion(a)
	eb, ub, rb := splitDebianVersion(b)
	if ea != eb {
		if ea < eb {
			return -1
		}
		return 1
	}
	if c := compareVersionPart(ua, ub); c != 0 {
		return c
	}
	return compareVersionPart(ra, rb)
}

// splitDebianVersion returns the epoch (0 when absent or not a number),
// the upstream version and the revision (after the last hyphen; "" when
// there is none, which dpkg orders like "0").
func splitDebianVersion(v string) (epoch int, upstream, revision string) {
	v = strings.TrimSpace(v)
	if e, rest, ok := strings.Cut(v, ":"); ok {
		if n, err := strconv.Atoi(e); err == nil {
			epoch, v = n, rest
		}
	}
	if i := strings.LastIndexByte(v, '-'); i >= 0 {
		return epoch, v[:i], v[i+1:]
	}
	return epoch, v, ""
}

// compareVersionPart is dpkg's verrevcmp: alternate non-digit runs, compared
// by charOrder, and digit runs, compared as numbers of any length.
func compareVersionPart(a, b string) int {
	for a != "" || b != "" {
		for (a != "" && !isDigit(a[0])) || (b != "" && !isDigit(b[0])) {
			ca, cb := charOrder(a), charOrder(b)
			if ca != cb {
				return ca - cb
			}
			a, b = a[1:], b[1:]
		}
		a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		da, db := digitRun(a), digitRun(b)
		if len(da) != len(db) {
			return len(da) - len(db)
		}
		if c := strings.Compare(da, db); c != 0 {
			return c
		}
		a, b = a[len(da):], b[len(db):]
	}
	return 0
}

// charOrder ranks the first byte of s in a non-digit run: "~" below the end
// of the string, the end and digits at 0, letters by their code, and any
// other character after every letter.
func charOrder(s string) int {
	switch {
	case s == "" || isDigit(s[0]):
		return 0
	case s[0] == '~':
		return -1
	case (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'):
		return int(s[0])
	default:
		return int(s[0]) + 256
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digitRun returns the leading digits of s.
func digitRun(s string) string {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i]
}
