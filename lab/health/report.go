package health

import (
	"time"

	"github.com/mesoslab/mesoslab/lab/seconds"
	"github.com/mesoslab/mesoslab/lab/stack"
)

// Report is the result of one round of probes.
type Report struct {
	// Checks holds one entry per probe, in a stable order: ZooKeeper,
	// Mesos, agents, Marathon, Chronos, Mesos-DNS.
	Checks []Check `json:"checks"`
	// ZooKeeper holds what each master's ZooKeeper answered, in master order.
	ZooKeeper []ZooKeeperMember `json:"zookeeper,omitempty"`
	// Mesos holds the leader, the masters' views, agents and frameworks.
	Mesos MesosFacts `json:"mesos"`
	// Marathon holds what each master's Marathon answered.
	Marathon []MarathonInstance `json:"marathon,omitempty"`
	// Chronos holds what each master's Chronos answered.
	Chronos []ChronosInstance `json:"chronos,omitempty"`
	// MesosDNS holds what each master's Mesos-DNS answered.
	MesosDNS []MesosDNSInstance `json:"mesos_dns,omitempty"`
	// Started is when the round began; Elapsed how long it took, in
	// seconds in JSON.
	Started time.Time        `json:"started"`
	Elapsed seconds.Duration `json:"elapsed"`
}

// Healthy reports whether every check passed without a warning.
func (r Report) Healthy() bool { return r.Worst() == StatusOK }

// Worst returns the worst status among the checks, ok when there are none.
func (r Report) Worst() Status {
	worst := StatusOK
	for _, c := range r.Checks {
		if c.Status.rank() > worst.rank() {
			worst = c.Status
		}
	}
	return worst
}

// Problems returns the checks that did not pass, in report order.
func (r Report) Problems() []Check {
	var out []Check
	for _, c := range r.Checks {
		if c.Status != StatusOK {
			out = append(out, c)
		}
	}
	return out
}

// Check returns the check with the given ID.
func (r Report) Check(id string) (Check, bool) {
	for _, c := range r.Checks {
		if c.ID == id {
			return c, true
		}
	}
	return Check{}, false
}

// ZooKeeperProblem says why a member gave no usable srvr answer.
type ZooKeeperProblem string

// The ways a ZooKeeper member can fail the srvr probe.
const (
	ZKUnreachable    ZooKeeperProblem = "unreachable"
	ZKNotServing     ZooKeeperProblem = "not serving"
	ZKNotWhitelisted ZooKeeperProblem = "not whitelisted"
	ZKBadAnswer      ZooKeeperProblem = "unexpected answer"
)

// ZooKeeperMember is what one master's ZooKeeper answered to srvr.
type ZooKeeperMember struct {
	Node Node `json:"node"`
	// Mode is leader, follower, standalone, observer or read-only; empty
	// when Problem is set.
	Mode      string `json:"mode,omitempty"`
	Zxid      uint64 `json:"zxid,omitempty"`
	NodeCount int    `json:"node_count,omitempty"`
	Version   string `json:"version,omitempty"`
	// Problem is empty when srvr answered with a mode.
	Problem ZooKeeperProblem `json:"problem,omitempty"`
}

// MesosFacts is what the Mesos masters said about the cluster.
type MesosFacts struct {
	// Leader is the elected master, mapped to the lab's node; zero when
	// there is no single agreed leader.
	Leader Node `json:"leader"`
	// Masters holds each master's own view.
	Masters []MesosMaster `json:"masters,omitempty"`
	// Agents are the agents registered with the leader.
	Agents []MesosAgent `json:"agents,omitempty"`
	// Frameworks are the frameworks the leader knows.
	Frameworks []stack.Framework `json:"frameworks,omitempty"`
}

// MesosMaster is one master's answer to /metrics/snapshot and /master/redirect.
type MesosMaster struct {
	Node    Node `json:"node"`
	Reached bool `json:"reached"`
	// Elected is master/elected from the metrics snapshot.
	Elected bool `json:"elected"`
	// Redirect is the host:port its /master/redirect points at; empty
	// when it knows no leader (503).
	Redirect string `json:"redirect,omitempty"`
}

// MesosAgent is one agent registered with the leader.
type MesosAgent struct {
	ID       string `json:"id"`
	Hostname string `json:"hostname"`
	PID      string `json:"pid"`
	// Node is the lab node the agent was matched to, empty if none.
	Node   string `json:"node,omitempty"`
	Active bool   `json:"active"`
}

// MarathonInstance is one master's Marathon as /v2/info describes it.
type MarathonInstance struct {
	Node    Node   `json:"node"`
	Version string `json:"version,omitempty"`
	// Leader is the Marathon leader this instance names (host:port).
	Leader string `json:"leader,omitempty"`
}

// ChronosInstance is one master's Chronos.
type ChronosInstance struct {
	Node Node `json:"node"`
	// API is the path prefix that answered: /v1/scheduler (3.x) or /scheduler (2.x).
	API  string `json:"api,omitempty"`
	Jobs int    `json:"jobs"`
}

// MesosDNSInstance is one master's Mesos-DNS.
type MesosDNSInstance struct {
	Node    Node   `json:"node"`
	Version string `json:"version,omitempty"`
	// Leader and Masters are the A records of leader.mesos. and master.mesos.
	Leader  []string `json:"leader,omitempty"`
	Masters []string `json:"masters,omitempty"`
}
