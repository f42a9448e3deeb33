package stack_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// Every client's calls send the Accept header that every service of the
// lab takes, down to Mesos-DNS 0.6.0, whose routes declare no type and so
// answer 406 to a bare "application/json" (mesosphere/mesos-dns@v0.6.0
// resolver/resolver.go:481-491). The fake negotiates as its router does.
func TestCallsSendAnAcceptMesosDNS06Takes(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !stacktest.MesosDNS06.Accepts(r.Header.Get("Accept")) {
			http.Error(w, "406: Not Acceptable", http.StatusNotAcceptable)
			return
		}
		w.Write([]byte(`{"Service":"Mesos-DNS"}`))
	}))
	defer srv.Close()
	a := stack.NewClient(srv.Client(), 0)
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		var in any
		if method == http.MethodPost {
			in = map[string]string{"k": "v"}
		}
		if _, err := a.Call(context.Background(), method, srv.URL+"/v1/version", in, http.StatusOK); err != nil {
			t.Errorf("%s: %v", method, err)
		}
	}
}
