package stacktest

import (
	"io"
	"net/http"
	"strconv"
	"testing"
)

// get asks the fake at addr for path with the given Accept header ("" sends none).
func get(t *testing.T, f *HTTP, addr, path, accept string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, "http://"+addr+":"+strconv.Itoa(f.Port)+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(body)
}

// The fake master's routes, status codes and headers follow the Mesos
// master's (m3scluster/clusterd@v1.11.0-0.9.0 src/master/master.cpp:909-1091,
// src/master/http.cpp:1746-1798); Mesos cannot run here.
func TestFakeMesosMasterAnswersAsMesos(t *testing.T) {
	l := NewLab(t, Payloads(t))
	leader, standby := l.Masters[0].Addr, l.Masters[1].Addr
	l.HTTP.NoLeader(l.Masters[2].Addr)
	tests := []struct {
		name, addr, path string
		code             int
		location, body   string
	}{
		{"state.json is gone since Mesos 1.8", leader, "/master/state.json", 404, "", ""},
		{"an unrouted path is an empty 404", leader, "/master/nope", 404, "", ""},
		{"redirect on the leader names itself", leader, "/master/redirect", 307, "//master1:5050", ""},
		{"redirect on a standby names the leader", standby, "/master/redirect", 307, "//master1:5050", ""},
		{"no leader elected", l.Masters[2].Addr, "/master/redirect", 503, "", "No leader elected"},
		{"agent health", l.Agents[0].Addr, "/health", 200, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, h, body := get(t, l.HTTP, tt.addr, tt.path, "")
			if code != tt.code || h.Get("Location") != tt.location || body != tt.body {
				t.Errorf("GET %s on %s = %d Location %q body %q, want %d %q %q", tt.path, tt.addr, code, h.Get("Location"), body, tt.code, tt.location, tt.body)
			}
		})
	}
}

// Mesos-DNS routes with go-restful: 0.6.0 declares no type and so takes
// only */* (or no Accept); 0.7 produces JSON
// (mesosphere/mesos-dns@v0.6.0 resolver/resolver.go:481-491 and
// vendor/github.com/emicklei/go-restful/jsr311.go:74-90, route.go:68-89;
// mesosphere/mesos-dns@v0.7.0-rc2 resolver/resolver.go:586-588).
func TestFakeMesosDNSNegotiatesAsGoRestful(t *testing.T) {
	f := NewHTTP(t, []string{"127.0.0.11", "127.0.0.12"})
	f.SetMesosDNS("127.0.0.11", "/v1/version", MesosDNS06, `{"Version":"v0.6.0"}`)
	f.SetMesosDNS("127.0.0.12", "/v1/version", MesosDNS07, `{"Version":"v0.7.0-rc2"}`)
	tests := []struct {
		addr, accept string
		code         int
	}{
		{"127.0.0.11", "application/json", 406},
		{"127.0.0.11", "text/html", 406},
		{"127.0.0.11", "*/*", 200},
		{"127.0.0.11", "", 200},
		{"127.0.0.11", "application/json, */*", 200},
		{"127.0.0.11", "application/json;q=1, */*;q=0.1", 200},
		{"127.0.0.12", "application/json", 200},
		{"127.0.0.12", "text/html", 406},
		{"127.0.0.12", "application/json, */*", 200},
	}
	for _, tt := range tests {
		code, h, body := get(t, f, tt.addr, "/v1/version", tt.accept)
		if code != tt.code {
			t.Errorf("%s Accept %q: HTTP %d, want %d", tt.addr, tt.accept, code, tt.code)
		}
		if code == 406 && body != "406: Not Acceptable" {
			t.Errorf("%s Accept %q: 406 body %q, want go-restful's %q", tt.addr, tt.accept, body, "406: Not Acceptable")
		}
		if code == 200 && h.Get("Content-Type") != "application/json" {
			t.Errorf("%s Accept %q: Content-Type %q", tt.addr, tt.accept, h.Get("Content-Type"))
		}
	}
}
