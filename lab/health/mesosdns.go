package health

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
)

// parseMesosDNSVersion reads /v1/version, {"Service":"Mesos-DNS","URL":…,"Version":…}.
func parseMesosDNSVersion(body []byte) (string, error) {
	var v struct {
		Service string `json:"Service"`
		Version string `json:"Version"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		return "", fmt.Errorf("mesos-dns version: %w", err)
	}
	if v.Service != "Mesos-DNS" {
		return "", fmt.Errorf("mesos-dns version: service is %q, not Mesos-DNS", v.Service)
	}
	return v.Version, nil
}

// probeMesosDNSHTTP asks one master's Mesos-DNS for its version.
func (r *round) probeMesosDNSHTTP(ctx context.Context, n Node) (string, Check) {
	ctx, cancel := r.bounded(ctx)
	defer cancel()
	id := "mesos-dns/" + n.Name
	where := fmt.Sprintf("Mesos-DNS HTTP on %s (%s)", n.Name, net.JoinHostPort(n.Addr, strconv.Itoa(r.t.Ports.MesosDNSHTTP)))
	var version string
	var err error
	took := timed(func() {
		var rep reply
		if rep, err = r.get(ctx, n.Addr, r.t.Ports.MesosDNSHTTP, "/v1/version"); err != nil {
			return
		}
		if rep.code != http.StatusOK {
			err = rep.statusError()
			return
		}
		version, err = parseMesosDNSVersion(rep.body)
	})
	if err != nil {
		return "", fail(id, took, journalFix(n.Name, unitMesosDNS), "%s does not answer /v1/version: %s", where, reason(err, r.t.timeout()))
	}
	return version, ok(id, took, "%s: Mesos-DNS %s", where, version)
}
