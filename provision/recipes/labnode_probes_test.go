package recipes

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/mesoslab/mesoslab/provision"
)

// portUnits maps the HTTP ports the waits probe to the unit serving them.
var portUnits = map[string]string{"8080": "marathon", "4400": "chronos", "8123": "mesos-dns"}

// probeHandlers answer the waits. The simulated node plays the whole lab from
// its own state: it is the leading master while its mesos-master runs, and
// the leader lists it while its mesos-agent runs.
var probeHandlers = []labHandler{
	{`^curl -sS --max-time 5 -- http://([\d.]+):5050/metrics/snapshot$`, func(f *labNode, _ provision.Command, m []string) (string, string, int) {
		switch {
		case m[1] != f.node.IP:
			return payload("mesos/metrics-standby.json"), "", 0
		case f.Active("mesos-master"):
			return payload("mesos/metrics-elected.json"), "", 0
		}
		return "", "curl: (7) Failed to connect to " + m[1] + " port 5050\n", 7
	}},
	{`^curl -sS -L --max-time 5 -- http://([\d.]+):5050/master/slaves$`, func(f *labNode, _ provision.Command, _ []string) (string, string, int) {
		if !f.Active("mesos-agent") {
			return payload("mesos/slaves-none.json"), "", 0
		}
		return strings.ReplaceAll(payload("mesos/slaves-self.json"), "AGENT_IP", f.node.IP), "", 0
	}},
	{`^curl -sS -L -o /dev/null -w '%\{http_code\}' --max-time 10 -- http://([\d.]+):(\d+)/\S*$`,
		func(f *labNode, _ provision.Command, m []string) (string, string, int) {
			if m[1] == f.node.IP && f.Active(portUnits[m[2]]) {
				return "200", "", 0
			}
			return "000", "curl: (7) Failed to connect\n", 7
		}},
	{`^getent hosts leader.mesos$`, func(f *labNode, _ provision.Command, _ []string) (string, string, int) {
		_, routed := f.Files["/etc/systemd/resolved.conf.d/mesoslab.conf"]
		if (f.resolved && routed) || (!f.resolved && strings.Contains(f.Files["/etc/resolv.conf"].Content, "nameserver 192.168.56.1")) {
			return "192.168.56.11   leader.mesos\n", "", 0
		}
		return "", "", 2
	}},
}

// payload reads a Mesos answer of testdata/mesos; each names its upstream
// source beside it, which the stacktest walk checks.
func payload(name string) string {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		panic(err) // the handlers have no testing.T; a missing payload is a broken checkout
	}
	return string(b)
}
