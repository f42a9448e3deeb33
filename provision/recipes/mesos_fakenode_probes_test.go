package recipes

import (
	"strings"

	"github.com/mesoslab/mesoslab/provision"
)

// portUnits maps the HTTP ports the waits probe to the unit serving them.
var portUnits = map[string]string{"8080": "marathon", "4400": "chronos", "8123": "mesos-dns"}

// probeHandlers answer the waits. The fake node plays the whole lab from
// its own state: it is the leading master while its mesos-master runs, and
// the leader lists it while its mesos-agent runs.
var probeHandlers = []handler{
	on(`^curl -sS --max-time 5 -- http://([\d.]+):5050/metrics/snapshot$`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		switch {
		case m[1] != f.node.IP:
			return `{"master/elected":0.0,"master/uptime_secs":30.5}`, "", 0
		case f.active("mesos-master"):
			return `{"master/elected":1.0,"master/uptime_secs":30.5}`, "", 0
		}
		return "", "curl: (7) Failed to connect to " + m[1] + " port 5050\n", 7
	}),
	on(`^curl -sS -L --max-time 5 -- http://([\d.]+):5050/master/slaves$`, func(f *fakeNode, _ provision.Command, _ []string) (string, string, int) {
		if !f.active("mesos-agent") {
			return `{"slaves":[],"recovered_slaves":[]}`, "", 0
		}
		ip := f.node.IP
		return `{"slaves":[{"id":"e3f1-S0","hostname":"` + ip + `","port":5051,"pid":"slave(1)@` + ip + `:5051","active":true}],"recovered_slaves":[]}`, "", 0
	}),
	on(`^curl -sS -L -o /dev/null -w '%\{http_code\}' --max-time 10 -- http://([\d.]+):(\d+)/\S*$`,
		func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
			if m[1] == f.node.IP && f.active(portUnits[m[2]]) {
				return "200", "", 0
			}
			return "000", "curl: (7) Failed to connect\n", 7
		}),
	on(`^getent hosts leader.mesos$`, func(f *fakeNode, _ provision.Command, _ []string) (string, string, int) {
		_, routed := f.files["/etc/systemd/resolved.conf.d/mesoslab.conf"]
		if (f.resolved && routed) || (!f.resolved && strings.Contains(f.files["/etc/resolv.conf"].content, "nameserver 192.168.56.1")) {
			return "192.168.56.11   leader.mesos\n", "", 0
		}
		return "", "", 2
	}),
}

func (f *fakeNode) active(unit string) bool {
	u := f.unit(unit)
	return u != nil && u.active
}
