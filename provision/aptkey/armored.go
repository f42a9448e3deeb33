package aptkey

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// ErrNotArmored means the bytes are no ASCII-armored OpenPGP public key,
// such as a web page served in place of the key.
var ErrNotArmored = errors.New("it is not an ASCII-armored OpenPGP public key")

// IsArmored reports whether b starts like an armored public key block, the
// form apt's signed-by= takes in a .asc file.
func IsArmored(b []byte) bool {
	return strings.HasPrefix(strings.TrimSpace(string(b)), "-----BEGIN PGP PUBLIC KEY BLOCK-----")
}

// ReadArmored reads an ASCII-armored key into the model gpg's listing gives
// (ParseColons), for hosts without gpg. Each key's expiry comes from its
// newest self-signature, which is how an owner extends a key; the library
// verifies those signatures while reading.
func ReadArmored(b []byte) ([]Cert, error) {
	if !IsArmored(b) {
		return nil, ErrNotArmored
	}
	ring, err := openpgp.ReadArmoredKeyRing(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("read the OpenPGP key: %w", err)
	}
	var certs []Cert
	for _, e := range ring {
		self, _ := e.PrimarySelfSignature()
		if self == nil {
			continue // no verified self-signature: apt would not trust it either
		}
		c := Cert{Primary: key(e.PrimaryKey, self, len(e.Revocations) > 0)}
		for _, s := range e.Subkeys {
			c.Subkeys = append(c.Subkeys, key(s.PublicKey, s.Sig, len(s.Revocations) > 0))
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, fmt.Errorf("the file holds no usable OpenPGP public key")
	}
	return certs, nil
}

// key describes pub as its binding or self-signature sig states it.
func key(pub *packet.PublicKey, sig *packet.Signature, revoked bool) Key {
	k := Key{
		ID:          fmt.Sprintf("%016X", pub.KeyId),
		Fingerprint: fmt.Sprintf("%X", pub.Fingerprint),
		Revoked:     revoked,
		CanSign:     pub.PubKeyAlgo.CanSign(),
	}
	if sig.FlagsValid {
		k.CanSign = sig.FlagSign
	}
	if sig.KeyLifetimeSecs != nil && *sig.KeyLifetimeSecs > 0 {
		k.Expires = pub.CreationTime.Unix() + int64(*sig.KeyLifetimeSecs)
	}
	return k
}
