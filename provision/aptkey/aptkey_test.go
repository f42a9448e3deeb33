package aptkey

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/provision/aptkey/aptkeytest"
)

// The SignedRepo step's test keys and gpg's listings of them
// (TestKeyListingsAreGPGs in provision proves the listings).
func keyTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestUsable(t *testing.T) {
	const day = 86400
	tests := []struct {
		name        string
		colons      string
		now         int64
		wantOK      bool
		wantProblem string
	}{
		{"valid test key", keyTestdata(t, "aptrepo-key-valid.colons"), 1795600000, true, ""},
		{"expired test key", keyTestdata(t, "aptrepo-key-expired.colons"), 1795600000, false, "the key A822CB1C4330E723 expired on 2022-09-28"},
		{"expired signing subkey", keyTestdata(t, "aptrepo-key-subkey-expired.colons"), 1795600000, false,
			"its signing key 0C46771BD570BAB2 expired on 2022-09-28"},
		// gpg may not mark a key expired yet: the node's clock decides.
		{"expiry passed by the node's clock", "pub:-:4096:1:63F8CEE149ACA59E:1601251200:1790553600::-:::scESC:\n", 1790553600 + day, false,
			"the key 63F8CEE149ACA59E expired on 2026-09-28"},
		{"expiry ahead", "pub:-:4096:1:63F8CEE149ACA59E:1601251200:1790553600::-:::scESC:\n", 1790553600 - day, true, ""},
		{"revoked", "pub:r:4096:1:63F8CEE149ACA59E:1601251200:::-:::sc:\n", 1, false, "the key 63F8CEE149ACA59E has been revoked"},
		{"a second, valid key", keyTestdata(t, "aptrepo-key-expired.colons") + keyTestdata(t, "aptrepo-key-valid.colons"), 1795600000, true, ""},
		{"certify-only key", "pub:-:255:22:DB266DBEC4B6CE17:1601251200:::-:::cC:\n", 1, false, "the key DB266DBEC4B6CE17 has no signing key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problem, ok := Usable(ParseColons(tt.colons), tt.now)
			if ok != tt.wantOK || problem != tt.wantProblem {
				t.Errorf("Usable = %q, %v; want %q, %v", problem, ok, tt.wantProblem, tt.wantOK)
			}
		})
	}
}

// TestReadArmoredAgreesWithGPG reads the test keys in Go and wants
// what gpg lists for them, except gpg's own "expired" mark, which the clock
// given to Usable replaces.
func TestReadArmoredAgreesWithGPG(t *testing.T) {
	for _, name := range []string{"valid", "expired", "subkey-expired"} {
		t.Run(name, func(t *testing.T) {
			got, err := ReadArmored([]byte(keyTestdata(t, "aptrepo-key-"+name+".asc")))
			if err != nil {
				t.Fatal(err)
			}
			want := ParseColons(keyTestdata(t, "aptrepo-key-"+name+".colons"))
			for i := range want {
				want[i].Primary.Expired = false
				for j := range want[i].Subkeys {
					want[i].Subkeys[j].Expired = false
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("ReadArmored:\n%+v\ngpg lists:\n%+v", got, want)
			}
		})
	}
}

func TestReadArmoredRefusesOtherBytes(t *testing.T) {
	for name, body := range map[string]string{
		"web page":  "<html>moved</html>",
		"empty":     "",
		"truncated": "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmDMEX3F\n",
	} {
		if certs, err := ReadArmored([]byte(body)); err == nil {
			t.Errorf("%s: ReadArmored = %+v, want an error", name, certs)
		}
	}
}

// TestSignsUntil reads generated keys with chosen lifetimes and wants the
// date they stop verifying signatures.
func TestSignsUntil(t *testing.T) {
	created := time.Date(2024, 9, 28, 0, 0, 0, 0, time.UTC)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	tests := []struct {
		name      string
		lifetime  time.Duration
		wantOK    bool
		wantUntil int64
	}{
		{"two-year key", 2 * 365 * 24 * time.Hour, true, created.Add(2 * 365 * 24 * time.Hour).Unix()},
		{"never expires", 0, true, 0},
		{"expired", 30 * 24 * time.Hour, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			certs, err := ReadArmored(aptkeytest.Armored(t, created, tt.lifetime))
			if err != nil {
				t.Fatal(err)
			}
			c, until, ok := SignsUntil(certs, now)
			if ok != tt.wantOK || until != tt.wantUntil {
				t.Errorf("SignsUntil = %d (%s), %v; want %d, %v", until, Day(until), ok, tt.wantUntil, tt.wantOK)
			}
			if ok && (len(c.Primary.Fingerprint) != 40 || c.Primary.ID != c.Primary.Fingerprint[24:]) {
				t.Errorf("key id %q does not end its fingerprint %q", c.Primary.ID, c.Primary.Fingerprint)
			}
		})
	}
}

func TestSignsUntilTakesTheEarlierOfPrimaryAndSubkey(t *testing.T) {
	certs := []Cert{{
		Primary: Key{ID: "P", Expires: 2000},
		Subkeys: []Key{{ID: "S1", Expires: 1500, CanSign: true}, {ID: "S2", Expires: 0, CanSign: true}, {ID: "E", Expires: 3000}},
	}}
	if _, until, ok := SignsUntil(certs, 1000); !ok || until != 2000 {
		t.Errorf("SignsUntil = %d, %v; want the primary's 2000", until, ok)
	}
	if _, _, ok := SignsUntil(certs, 2000); ok {
		t.Error("a cert whose primary expired still signs")
	}
}
