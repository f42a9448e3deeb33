package doctor

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/provision/aptkey"
	"github.com/mesoslab/mesoslab/provision/aptkey/aptkeytest"
)

// serveKey serves body as the repository's signing key on loopback, the way
// a web server hands out support_aventer.asc; delay holds every answer back.
func serveKey(t *testing.T, body []byte, status int, delay time.Duration) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/pgp-keys")
		w.WriteHeader(status)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/assets/support_aventer.asc"
}

// TestMesosKeyCheck serves keys made in the test with chosen expiries on
// loopback and reads the doctor's verdict.
func TestMesosKeyCheck(t *testing.T) {
	now := time.Now()
	// A key made a year ago that expires `left` from now.
	key := func(left time.Duration) []byte {
		created := now.Add(-365 * 24 * time.Hour).Truncate(time.Second)
		return aptkeytest.Armored(t, created, now.Add(left).Sub(created))
	}
	expiredDay := aptkey.Day(now.Add(-10 * 24 * time.Hour).Unix())
	soonDay := aptkey.Day(now.Add(12*24*time.Hour + time.Hour).Unix())
	unreachable := func() string { // a port that was just free: nothing listens
		srv := httptest.NewServer(http.NotFoundHandler())
		u := srv.URL
		srv.Close()
		return u + "/key.asc"
	}()
	tests := []struct {
		name    string
		url     string
		timeout time.Duration
		status  Status
		finding []string
		fix     []string
	}{
		{"valid for a year", serveKey(t, key(365*24*time.Hour), 200, 0), 0, StatusOK,
			[]string{"signing key ", "expires on ", "in 364 days"}, nil},
		{"never expires", serveKey(t, aptkeytest.Armored(t, now.Add(-time.Hour), 0), 200, 0), 0, StatusOK,
			[]string{"never expires"}, nil},
		{"expires within 30 days", serveKey(t, key(12*24*time.Hour+time.Hour), 200, 0), 0, StatusWarn,
			[]string{"expires on " + soonDay, "in 12 days"}, []string{"sources.mesos.key_url"}},
		{"expired", serveKey(t, key(-10*24*time.Hour), 200, 0), 0, StatusFail,
			[]string{"expired on " + expiredDay, "apt will refuse the repository"},
			[]string{"extends or replaces its key", "set sources.mesos.key_url in mesoslab.yaml", "sources.mesos.repo"}},
		{"not found", serveKey(t, []byte("gone"), 404, 0), 0, StatusFail,
			[]string{"cannot fetch the signing key http://127.0.0.1:", "404 Not Found"}, []string{"set sources.mesos.key_url in mesoslab.yaml to a reachable copy"}},
		{"a web page", serveKey(t, []byte("<html>moved</html>"), 200, 0), 0, StatusFail,
			[]string{"cannot be read", "not an ASCII-armored OpenPGP public key"}, []string{"armored (.asc)"}},
		{"unreachable", unreachable, 0, StatusFail,
			[]string{"cannot fetch the signing key " + unreachable, "connection refused"}, []string{"sources.mesos.key_url"}},
		{"slow", serveKey(t, key(365*24*time.Hour), 200, time.Minute), 300 * time.Millisecond, StatusFail,
			[]string{"the signing key source http://127.0.0.1:", "did not answer within 0.3 s"},
			[]string{"set sources.mesos.key_url in mesoslab.yaml", "--timeout"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lab := haLab()
			lab.MesosKeyURL = tt.url
			rs := Run(context.Background(), healthyLinux(t), lab, Options{Only: []string{"mesos-key"}, Timeout: tt.timeout})
			expect(t, rs[0], tt.status, tt.finding, tt.fix)
		})
	}
}

// TestMesosKeyCheckRunsOnlyForMesos: a ZooKeeper-only lab installs nothing
// from the repository, and the lab leaves the URL empty for it.
func TestMesosKeyCheckRunsOnlyForMesos(t *testing.T) {
	lab := haLab()
	if got := ids(Run(context.Background(), healthyLinux(t), lab, Options{})); slices.Contains(got, "mesos-key") {
		t.Errorf("a lab without the Mesos repository ran %v", got)
	}
	lab.MesosKeyURL = serveKey(t, aptkeytest.Armored(t, time.Now().Add(-time.Hour), 0), 200, 0)
	for _, provider := range []string{ProviderVirtualBox, ProviderDocker} {
		lab.Provider = provider
		if got := ids(Run(context.Background(), healthyLinux(t), lab, Options{})); !slices.Contains(got, "mesos-key") {
			t.Errorf("%s lab with the Mesos repository ran %v, want mesos-key too", provider, got)
		}
	}
	lab.MesosKeyURL = "file:///srv/mirror/key.asc"
	rs := Run(context.Background(), healthyLinux(t), lab, Options{Only: []string{"mesos-key"}})
	expect(t, rs[0], StatusOK, []string{"read on the machines", "not checked"}, nil)
}
