package stacktest

import (
	"embed"
	"path"
	"testing"
)

// payloads are the answers of Mesos, Marathon, Chronos, Mesos-DNS and
// ZooKeeper that the fakes serve, kept beside the fakes so every package's
// tests read the same files (testdata/README.md lists them).
//
//go:embed testdata
var payloads embed.FS

// Payload returns the payload testdata/name of this package as written,
// failing the test if it has no upstream source beside it (CheckSource).
func Payload(t testing.TB, name string) []byte {
	t.Helper()
	p := path.Join("testdata", name)
	src, err := payloads.ReadFile(p + SourceSuffix)
	if err := checkSourceText(p, src, err); err != nil {
		t.Fatal(err)
	}
	b, err := payloads.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
