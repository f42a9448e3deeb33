package health

import (
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// Mesos-DNS 0.6.0, the lab's default, routes its HTTP API with go-restful
// and declares no content type, so it answers 406 to a bare "Accept:
// application/json" (mesosphere/mesos-dns@v0.6.0 resolver/resolver.go:481-491).
// Mesos-DNS cannot run here: the fake negotiates as its router does.
func TestProbeMesosDNSVersionsByAccept(t *testing.T) {
	tests := []struct {
		name    string
		api     stacktest.MesosDNSAPI
		payload string
		version string
	}{
		{"0.6 routes declare no type", stacktest.MesosDNS06, "mesos-dns/version-0.6.json", "v0.6.0"},
		{"0.7 routes produce JSON", stacktest.MesosDNS07, "mesos-dns/version.json", "v0.7.0-rc2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeLab(t)
			f.healthy(t)
			for _, m := range testMasters {
				f.SetMesosDNS(m.Addr, "/v1/version", tt.api, testdata(t, tt.payload))
			}
			tgt := f.target()
			tgt.Components.MesosDNS = true
			tgt.Ports.DNS = 1 // no DNS server: only the HTTP checks matter here
			rep := probeFake(t, f, tgt)
			for _, m := range testMasters {
				c := mustCheck(t, rep, "mesos-dns/"+m.Name)
				if c.Status != StatusOK || !strings.Contains(c.Finding, "Mesos-DNS "+tt.version) {
					t.Errorf("%s: %s %q, want ok with Mesos-DNS %s", c.ID, c.Status, c.Finding, tt.version)
				}
			}
		})
	}
}
