package health

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// marathonInfo is the part of Marathon's /v2/info the lab checks.
type marathonInfo struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	Elected        bool   `json:"elected"`
	Leader         string `json:"leader"`
	FrameworkID    string `json:"frameworkId"`
	MarathonConfig struct {
		Master        string `json:"master"`
		FrameworkName string `json:"framework_name"`
	} `json:"marathon_config"`
	ZooKeeperConfig struct {
		ZK string `json:"zk"`
	} `json:"zookeeper_config"`
}

func parseMarathonInfo(body []byte) (marathonInfo, error) {
	var info marathonInfo
	if err := json.Unmarshal(body, &info); err != nil {
		return info, fmt.Errorf("marathon info: %w", err)
	}
	if info.Version == "" {
		return info, fmt.Errorf("marathon info has no version: %s", snippet(body))
	}
	return info, nil
}

// isPong accepts every form /ping took across Marathon and Chronos
// versions: pong, "pong" and pong with a newline.
func isPong(body []byte) bool {
	return strings.Trim(string(body), "\" \r\n") == "pong"
}

// probeMarathon asks one master's Marathon for /ping and /v2/info. A
// standby proxies both to the leader, so an answer also shows that the
// instance can reach its leader.
func (r *round) probeMarathon(ctx context.Context, n Node) (MarathonInstance, Check) {
	ctx, cancel := r.bounded(ctx)
	defer cancel()
	inst := MarathonInstance{Node: n}
	id := "marathon/" + n.Name
	where := fmt.Sprintf("Marathon on %s (%s)", n.Name, net.JoinHostPort(n.Addr, strconv.Itoa(r.t.Ports.Marathon)))
	logs := journalFix(n.Name, unitMarathon)
	var ping reply
	var info marathonInfo
	var pingErr, infoErr error
	took := timed(func() {
		ping, pingErr = r.get(ctx, n.Addr, r.t.Ports.Marathon, "/ping")
		if pingErr != nil {
			return
		}
		var rep reply
		if rep, infoErr = r.get(ctx, n.Addr, r.t.Ports.Marathon, "/v2/info"); infoErr != nil {
			return
		}
		if rep.code != http.StatusOK {
			infoErr = rep.statusError()
			return
		}
		info, infoErr = parseMarathonInfo(rep.body)
	})
	switch {
	case pingErr != nil:
		return inst, fail(id, took, logs, "%s does not answer: %s", where, reason(pingErr, r.t.timeout()))
	case ping.code != http.StatusOK || !isPong(ping.body):
		return inst, fail(id, took, logs, "%s answers /ping with HTTP %d %q, not pong", where, ping.code, snippet(ping.body))
	case infoErr != nil:
		// 502/503 "Could not determine the current leader" lands here.
		return inst, fail(id, took, logs, "%s answers /ping but not /v2/info: %s", where, reason(infoErr, r.t.timeout()))
	}
	inst.Version, inst.Leader = info.Version, info.Leader
	if info.Leader == "" {
		return inst, fail(id, took, logs, "%s %s knows no leader", where, info.Version)
	}
	return inst, ok(id, took, "%s: version %s, leader %s", where, info.Version, info.Leader)
}

// marathonFramework is the framework name Marathon registers by default
// (--framework_name); the lab keeps the default.
const marathonFramework = "marathon"
