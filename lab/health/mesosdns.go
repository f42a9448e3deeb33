package health

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// probeMesosDNSHTTP asks one master's Mesos-DNS for its version.
func (r *round) probeMesosDNSHTTP(ctx context.Context, n Node) (string, Check) {
	ctx, cancel := r.bounded(ctx)
	defer cancel()
	id := "mesos-dns/" + n.Name
	where := fmt.Sprintf("Mesos-DNS HTTP on %s (%s)", n.Name, net.JoinHostPort(n.Addr, strconv.Itoa(r.t.Ports.MesosDNSHTTP)))
	var version string
	var err error
	took := timed(func() {
		var rep stack.Reply
		if rep, err = r.http.Get(ctx, n.Addr, r.t.Ports.MesosDNSHTTP, "/v1/version"); err != nil {
			return
		}
		if rep.Code != http.StatusOK {
			err = rep.StatusError()
			return
		}
		version, err = stack.ParseMesosDNSVersion(rep.Body)
	})
	if err != nil {
		return "", fail(id, took, journalFix(n.Name, unitMesosDNS), "%s does not answer /v1/version: %s", where, reason(err, r.t.timeout()))
	}
	return version, ok(id, took, "%s: Mesos-DNS %s", where, version)
}
