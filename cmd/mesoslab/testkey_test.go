package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/provision/aptkey/aptkeytest"
)

// serveTestKey points the mesoslab.yaml at path to a signing key served on
// loopback (made for the test, valid for a year) in place of AVENTER's, so
// the doctor's mesos-key check, which `up` runs as its gate, never leaves
// the machine.
func serveTestKey(t *testing.T, path string) {
	t.Helper()
	key := aptkeytest.Armored(t, time.Now().Add(-time.Hour), 365*24*time.Hour)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write(key) }))
	t.Cleanup(srv.Close)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	def := config.DefaultSources().Mesos.KeyURL
	if !bytes.Contains(data, []byte(def)) {
		t.Fatalf("%s does not name the default key URL %s", path, def)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(def), []byte(srv.URL+"/support_aventer.asc"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}
