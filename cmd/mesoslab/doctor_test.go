package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/doctor"
	"github.com/mesoslab/mesoslab/provision/aptkey/aptkeytest"
)

// TestDoctorReportsEveryCheck runs the real checks on this machine: the
// report is one JSON array with every check of the provider, each with a
// status, a finding, a fix when not ok, and a duration; the exit code
// follows the statuses.
//
// The lab's Mesos signing key is served on loopback (a key made in the
// test, valid for a year), so the mesos-key check never leaves the machine.
func TestDoctorReportsEveryCheck(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{"MESOSLAB_HOME": home}
	if _, stderr, code := run(t, env, "init"); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	key := aptkeytest.Armored(t, time.Now().Add(-time.Hour), 365*24*time.Hour)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write(key) }))
	defer srv.Close()
	path := filepath.Join(home, "labs", "default", "mesoslab.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	def := config.DefaultSources().Mesos.KeyURL
	if !bytes.Contains(data, []byte(def)) {
		t.Fatalf("mesoslab.yaml does not name the default key URL %s", def)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(def), []byte(srv.URL+"/support_aventer.asc"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, provider := range []string{"virtualbox", "docker"} {
		t.Run(provider, func(t *testing.T) {
			out, stderr, code := run(t, env, "doctor", "--provider", provider, "-o", "json")
			var results []doctor.Result
			if err := json.Unmarshal([]byte(out), &results); err != nil {
				t.Fatalf("not JSON: %v\n%s\n%s", err, out, stderr)
			}
			ids := map[string]bool{}
			for _, r := range results {
				ids[r.ID] = true
				if r.ID == "mesos-key" && (r.Status != doctor.StatusOK || !strings.Contains(r.Finding, "expires on ")) {
					t.Errorf("mesos-key: %s %q, want the expiry of the served key", r.Status, r.Finding)
				}
				if r.Finding == "" || r.DurationMS <= 0 || (r.Status != doctor.StatusOK && r.Fix == "") {
					t.Errorf("incomplete result %+v", r)
				}
			}
			for _, c := range doctor.Catalog() {
				applies := false
				for _, p := range c.Providers {
					applies = applies || p == provider
				}
				if applies != ids[c.ID] {
					t.Errorf("check %s: in report %v, applies to %s %v", c.ID, ids[c.ID], provider, applies)
				}
			}
			if want := map[bool]int{true: 1, false: 0}[doctor.Failed(results, false)]; code != want {
				t.Errorf("exit code %d, want %d", code, want)
			}
		})
	}
}

func TestDoctorListChecksAndStrict(t *testing.T) {
	out, _, code := run(t, nil, "doctor", "--list-checks")
	if code != 0 || !strings.Contains(out, "virtualization") || !strings.Contains(out, "node-image") {
		t.Errorf("--list-checks: exit %d\n%s", code, out)
	}
	if _, stderr, code := run(t, nil, "doctor", "--check", "nosuch", "-o", "json"); code != 1 {
		t.Errorf("an unknown check id should fail the run: exit %d %s", code, stderr)
	}
	if _, stderr, code := run(t, nil, "doctor", "--timeout", "0s"); code != 2 || !strings.Contains(stderr, "--timeout 0s") {
		t.Errorf("--timeout 0s should be a usage error: exit %d %s", code, stderr)
	}
}
