package provision

import (
	"strings"

	"pault.ag/go/debian/version"
)

// CompareDebianVersions orders two Debian package versions as dpkg does
// (deb-version(7)), with pault.ag/go/debian's implementation of its rules:
// it returns a negative number when a is older than b, 0 when they are
// equal, and a positive number when a is newer. So 1.11.0-0.10.0 is newer
// than 1.11.0-0.9.0, 1.0~rc1 older than 1.0, and 1.11.0-0.7.1.debian12
// newer than 1.11.0-0.7.1: neither plain string order nor semantic
// versioning gives these answers. A string that is no Debian version at
// all orders as text, so a listing still sorts.
func CompareDebianVersions(a, b string) int {
	va, errA := version.Parse(a)
	vb, errB := version.Parse(b)
	if errA != nil || errB != nil {
		return strings.Compare(a, b)
	}
	return version.Compare(va, vb)
}
