// Package aptkeytest makes OpenPGP signing keys with chosen dates for the
// tests of the key checks, so no test depends on a real key's calendar.
package aptkeytest

import (
	"bytes"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// Armored returns the ASCII-armored public half of a new Ed25519 key made
// at created that expires lifetime later (0: never), the form a repository
// publishes its key in. Its primary key signs, as AVENTER's does.
func Armored(t testing.TB, created time.Time, lifetime time.Duration) []byte {
	t.Helper()
	cfg := &packet.Config{
		Algorithm:       packet.PubKeyAlgoEdDSA,
		Time:            func() time.Time { return created },
		KeyLifetimeSecs: uint32(lifetime / time.Second),
	}
	e, err := openpgp.NewEntity("mesoslab test key", "", "test@mesoslab.invalid", cfg)
	if err != nil {
		t.Fatalf("make a test key: %v", err)
	}
	var buf bytes.Buffer
	w, err := armor.Encode(&buf, openpgp.PublicKeyType, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Serialize(w); err != nil {
		t.Fatalf("write the test key: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
