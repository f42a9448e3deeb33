package provision

import (
	"errors"
	"os/exec"
	"testing"
)

// debianOrder lists pairs in dpkg's order, a older than b, unless equal.
// The cases come from deb-version(7) and from the versions AVENTER's
// aventer-mesos package has carried.
var debianOrder = []struct {
	a, b  string
	equal bool
}{
	{a: "1.11.0-0.7.1", b: "1.11.0-0.7.1", equal: true},
	{a: "1.11.0-0.7.0.debian12", b: "1.11.0-0.7.1"},
	{a: "1.11.0-0.7.1", b: "1.11.0-0.7.1.debian12"},
	{a: "1.11.0-0.7.1", b: "1.11.0-0.9.0.debian12"},
	{a: "1.11.0-0.9.0", b: "1.11.0-0.10.0"}, // numbers, not strings
	{a: "1.11.0-0.6.0.debian12", b: "1.11.0-0.7.1"},
	{a: "1.10.0-0.9.0", b: "1.11.0-0.7.1"}, // upstream first
	{a: "1.11.0-0.7.1", b: "1:1.0-0.1"},    // epoch first
	{a: "1.0~rc1", b: "1.0"},               // ~ before the end
	{a: "1.0~rc1", b: "1.0~rc2"},
	{a: "1.0~~", b: "1.0~"},
	{a: "1.0", b: "1.0a"},
	{a: "1.0a", b: "1.0+b1"}, // letters before other characters
	{a: "1.0", b: "1.0-1"},
	{a: "1.0-1~bpo12+1", b: "1.0-1"},
	{a: "1.0", b: "1.0-0", equal: true},
	{a: "0001.0", b: "1.0", equal: true},
	{a: "1.0.0", b: "1.0.00", equal: true},
	{a: "1.2", b: "1.10"},
	{a: "2.2.40-1.1+deb12u1", b: "2.2.40-1.1+deb12u2"},
	{a: "20.10.24+dfsg1-1+deb12u1", b: "20.10.24+dfsg1-1+deb12u1+b6"},
}

func TestCompareDebianVersions(t *testing.T) {
	for _, tt := range debianOrder {
		got, back := CompareDebianVersions(tt.a, tt.b), CompareDebianVersions(tt.b, tt.a)
		switch {
		case tt.equal && (got != 0 || back != 0):
			t.Errorf("%s vs %s: %d and %d, want equal", tt.a, tt.b, got, back)
		case !tt.equal && (got >= 0 || back <= 0):
			t.Errorf("%s vs %s: %d and %d, want %s older", tt.a, tt.b, got, back, tt.a)
		}
	}
}

// TestCompareDebianVersionsAgreesWithDpkg asks the real dpkg about every
// pair, where the machine has dpkg: the table above is dpkg's order, not
// only this package's reading of it.
func TestCompareDebianVersionsAgreesWithDpkg(t *testing.T) {
	dpkg, err := exec.LookPath("dpkg")
	if err != nil {
		t.Skip("no dpkg on this machine to compare with")
	}
	for _, tt := range debianOrder {
		op := "lt"
		if tt.equal {
			op = "eq"
		}
		err := exec.CommandContext(t.Context(), dpkg, "--compare-versions", tt.a, op, tt.b).Run()
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			t.Errorf("dpkg says %s is not %s %s", tt.a, op, tt.b)
		case err != nil:
			t.Fatal(err)
		}
	}
}
