package stack

import (
	"encoding/json"
	"fmt"
)

// FrameworkPaths list the leader's frameworks, tried in order:
// /master/frameworks, or /master/state on masters that lack that endpoint.
var FrameworkPaths = [...]string{"/master/frameworks", "/master/state"}

// ParseElected reads master/elected from a /metrics/snapshot body. Mesos
// writes every metric as a double ("master/elected":1.0); known is false
// when the snapshot left it out (metrics that time out inside Mesos are).
func ParseElected(body []byte) (elected, known bool, err error) {
	var metrics map[string]json.Number
	if err := json.Unmarshal(body, &metrics); err != nil {
		return false, false, fmt.Errorf("metrics snapshot: %w", err)
	}
	v, found := metrics["master/elected"]
	if !found {
		return false, false, nil
	}
	f, err := v.Float64()
	if err != nil {
		return false, false, fmt.Errorf("metrics snapshot master/elected %q: %w", v, err)
	}
	return f == 1, true, nil
}

// Slave is the part of an agent object in /master/slaves (and in
// /master/state's "slaves") that identifies it.
type Slave struct {
	ID       string `json:"id"`
	Hostname string `json:"hostname"`
	PID      string `json:"pid"`
	Active   bool   `json:"active"`
}

// ParseSlaves reads /master/slaves, or /master/state, which lists agents
// under the same key.
func ParseSlaves(body []byte) ([]Slave, error) {
	var doc struct {
		Slaves *[]Slave `json:"slaves"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, fmt.Errorf("agent list: %w", err)
	}
	if doc.Slaves == nil {
		return nil, fmt.Errorf("agent list has no \"slaves\" key: %s", Snippet(body))
	}
	return *doc.Slaves, nil
}

// Framework is one framework the leader knows.
type Framework struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Hostname  string `json:"hostname"`
	Active    bool   `json:"active"`
	Connected bool   `json:"connected"`
}

// ParseFrameworks reads the "frameworks" array of /master/frameworks or
// /master/state; completed frameworks are left out.
func ParseFrameworks(body []byte) ([]Framework, error) {
	var doc struct {
		Frameworks *[]Framework `json:"frameworks"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, fmt.Errorf("framework list: %w", err)
	}
	if doc.Frameworks == nil {
		return nil, fmt.Errorf("framework list has no \"frameworks\" key: %s", Snippet(body))
	}
	return *doc.Frameworks, nil
}
