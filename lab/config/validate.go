package config

import (
	"fmt"
	"strconv"
)

// Limits that keep a lab a lab: a ZooKeeper ensemble above 7 only slows
// writes, and a laptop does not hold more agents.
const (
	maxMasters  = 7
	maxAgents   = 50
	maxMemoryMB = 262144
	maxCPUs     = 64
)

// Validate reports every problem of s at once, as a *ValidationError.
func Validate(s Spec) error { return ValidateWith(s, ValidateOptions{}) }

// ValidateWith is Validate with host facts that widen what is allowed.
func ValidateWith(s Spec, o ValidateOptions) error {
	var ps []Problem
	ps = append(ps, validateNames(s)...)
	ps = append(ps, validateTopology(s)...)
	ps = append(ps, validateResources(s)...)
	ps = append(ps, validateComponents(s.Components)...)
	ps = append(ps, validateSources(s.Sources)...)
	ps = append(ps, validateNetwork(s, o)...)
	return AsError(ps)
}

func validateTopology(s Spec) []Problem {
	var ps []Problem
	m := strconv.Itoa(s.Masters)
	switch {
	case s.Masters < 1:
		ps = append(ps, Problem{Key: "masters", Value: m,
			Message: "a lab needs at least one master", Fix: "use 1, 3 or 5"})
	case s.Masters%2 == 0:
		ps = append(ps, Problem{Key: "masters", Value: m,
			Message: fmt.Sprintf("%d masters cannot form a quorum: the ensemble would stop when either fails", s.Masters),
			Fix:     "use 1, 3 or 5"})
	case s.Masters > maxMasters:
		ps = append(ps, Problem{Key: "masters", Value: m,
			Message: fmt.Sprintf("more than %d masters only slows ZooKeeper down", maxMasters), Fix: "use 1, 3 or 5"})
	}
	a := strconv.Itoa(s.Agents)
	switch {
	case s.Agents < 1:
		ps = append(ps, Problem{Key: "agents", Value: a,
			Message: "a lab needs at least one agent to run tasks", Fix: "use 1 or more (3 by default)"})
	case s.Agents > maxAgents:
		ps = append(ps, Problem{Key: "agents", Value: a,
			Message: fmt.Sprintf("more than %d agents do not fit a laptop", maxAgents), Fix: fmt.Sprintf("use 1 to %d", maxAgents)})
	}
	return ps
}

func validateResources(s Spec) []Problem {
	var ps []Problem
	check := func(key string, memory, cpus int, roles ...string) {
		for _, role := range roles {
			min, why := MinMemoryMB(role, s.Components)
			if memory < min {
				ps = append(ps, Problem{Key: field(key, "memory"), Value: strconv.Itoa(memory),
					Message: fmt.Sprintf("%s needs at least %d MB (%s)", article(role), min, why),
					Fix:     fmt.Sprintf("set memory to %d or more, or switch components off", min)})
				break
			}
		}
		if memory > maxMemoryMB {
			ps = append(ps, Problem{Key: field(key, "memory"), Value: strconv.Itoa(memory),
				Message: "more memory than any laptop has", Fix: "give memory in MB, e.g. 2560"})
		}
		if cpus < 1 || cpus > maxCPUs {
			ps = append(ps, Problem{Key: field(key, "cpus"), Value: strconv.Itoa(cpus),
				Message: fmt.Sprintf("CPUs per node must be 1 to %d", maxCPUs), Fix: "use 2"})
		}
	}
	check("", s.MemoryMB, s.CPUs, roles(s)...)
	for i, o := range s.Nodes {
		role := RoleAgent
		if isMasterName(o.Name) {
			role = RoleMaster
		}
		mem, cpus := s.MemoryMB, s.CPUs
		if o.MemoryMB != 0 {
			mem = o.MemoryMB
		}
		if o.CPUs != 0 {
			cpus = o.CPUs
		}
		if o.MemoryMB != 0 || o.CPUs != 0 {
			check(fmt.Sprintf("nodes[%d]", i), mem, cpus, role)
		}
	}
	return ps
}

// roles present in the lab, so memory is checked against each of them.
func roles(s Spec) []string {
	var rs []string
	if s.Masters > 0 {
		rs = append(rs, RoleMaster)
	}
	if s.Agents > 0 {
		rs = append(rs, RoleAgent)
	}
	return rs
}

func validateComponents(c Components) []Problem {
	var ps []Problem
	need := func(on bool, key, what string, dep bool, depKey string) {
		if on && !dep {
			ps = append(ps, Problem{Key: "components." + key, Value: "true",
				Message: fmt.Sprintf("%s needs %s", what, depKey),
				Fix:     fmt.Sprintf("switch components.%s on, or %s off", depKey, key)})
		}
	}
	need(c.Mesos, "mesos", "Mesos", c.ZooKeeper, "zookeeper")
	need(c.Marathon, "marathon", "Marathon", c.Mesos, "mesos")
	need(c.Chronos, "chronos", "Chronos", c.Mesos, "mesos")
	need(c.MesosDNS, "mesos_dns", "Mesos-DNS", c.Mesos, "mesos")
	return ps
}

// field joins a key prefix ("nodes[1]", or "" at the top) and a key.
func field(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// article prefixes a role with "a" or "an" for messages.
func article(role string) string {
	if role == RoleAgent {
		return "an " + role
	}
	return "a " + role
}
