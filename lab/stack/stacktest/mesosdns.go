package stacktest

import (
	"net/http"
	"strings"
)

// MesosDNSAPI is the content negotiation of one Mesos-DNS version's HTTP
// API. Mesos-DNS routes with go-restful, which picks a route only if the
// request's Accept names a type the route produces, or */*; no Accept
// counts as */* (vendored go-restful, jsr311.go:74-90 and route.go:68-89
// at mesosphere/mesos-dns v0.6.0). Otherwise it answers 406 with the text
// "406: Not Acceptable".
type MesosDNSAPI struct {
	// Produces is what the routes declare; none matches only */*.
	Produces []string
}

var (
	// MesosDNS06 is Mesos-DNS 0.6.0: its web service declares no type
	// (mesosphere/mesos-dns@v0.6.0 resolver/resolver.go:481-491), so a
	// bare "Accept: application/json" gets 406.
	MesosDNS06 = MesosDNSAPI{}
	// MesosDNS07 is Mesos-DNS 0.7 and the AVENTER fork: ws.Produces(MIME_JSON)
	// (mesosphere/mesos-dns@v0.7.0-rc2 resolver/resolver.go:586-588, commit
	// 7386945; AVENTER-UG/mesos-dns@v0.9.0 resolver/resolver.go:625-627).
	MesosDNS07 = MesosDNSAPI{Produces: []string{"application/json"}}
)

// Accepts reports whether a request with this Accept header reaches the
// route, as go-restful's matchesAccept decides.
func (api MesosDNSAPI) Accepts(accept string) bool {
	if accept == "" {
		accept = "*/*"
	}
	for _, part := range strings.Split(accept, ",") {
		mime, _, _ := strings.Cut(part, ";")
		mime = strings.TrimSpace(mime)
		if mime == "*/*" {
			return true
		}
		for _, p := range api.Produces {
			if p == "*/*" || p == mime {
				return true
			}
		}
	}
	return false
}

// SetMesosDNS makes addr's Mesos-DNS answer GET path with body as the
// given version does: 200 with JSON when the Accept header matches, 406
// otherwise.
func (f *HTTP) SetMesosDNS(addr, path string, api MesosDNSAPI, body string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.routes[addr+" "+path] = reply{code: http.StatusOK, body: body, contentType: "application/json", accepts: api.Accepts}
}
