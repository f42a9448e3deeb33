package config

import (
	"strconv"
	"strings"
)

// Overrides are settings from the environment or the command line; a nil
// field leaves the spec alone. They win over mesoslab.yaml.
type Overrides struct {
	Masters, Agents, MemoryMB, CPUs *int
	Box, Subnet, Provider           *string
}

// Setting names one overridable key: its config key, environment variable
// and flag, for help texts and the README's reference table.
type Setting struct {
	Key, Env, Flag, Usage string
}

// Settings lists the keys that environment variables and flags reach.
var Settings = []Setting{
	{"masters", "MESOSLAB_MASTERS", "masters", "number of masters (odd: 1, 3 or 5)"},
	{"agents", "MESOSLAB_AGENTS", "agents", "number of agents"},
	{"memory", "MESOSLAB_MEMORY", "memory", "memory per node in MB"},
	{"cpus", "MESOSLAB_CPUS", "cpus", "vCPUs per node"},
	{"box", "MESOSLAB_BOX", "box", "box name, box URL or local .box file"},
	{"subnet", "MESOSLAB_SUBNET", "subnet", "private network of the lab"},
	{"provider", "MESOSLAB_PROVIDER", "provider", "virtualbox or docker"},
}

// Apply writes the set fields into s.
func (o Overrides) Apply(s *Spec) {
	setInt := func(dst *int, v *int) {
		if v != nil {
			*dst = *v
		}
	}
	setStr := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	setInt(&s.Masters, o.Masters)
	setInt(&s.Agents, o.Agents)
	setInt(&s.MemoryMB, o.MemoryMB)
	setInt(&s.CPUs, o.CPUs)
	setStr(&s.Box, o.Box)
	setStr(&s.Subnet, o.Subnet)
	setStr(&s.Provider, o.Provider)
}

// EnvOverrides reads MESOSLAB_* variables through lookup (os.LookupEnv in
// the CLI). A number that does not parse is a problem naming the variable.
func EnvOverrides(lookup func(string) (string, bool)) (Overrides, error) {
	var o Overrides
	var ps []Problem
	ints := map[string]**int{"masters": &o.Masters, "agents": &o.Agents, "memory": &o.MemoryMB, "cpus": &o.CPUs}
	strs := map[string]**string{"box": &o.Box, "subnet": &o.Subnet, "provider": &o.Provider}
	for _, st := range Settings {
		v, ok := lookup(st.Env)
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		if dst, isInt := ints[st.Key]; isInt {
			n, err := strconv.Atoi(v)
			if err != nil {
				ps = append(ps, Problem{Key: st.Key, Value: v, Source: st.Env,
					Message: "not a whole number", Fix: "set " + st.Env + " to a number, or unset it"})
				continue
			}
			*dst = &n
		} else if dst, isStr := strs[st.Key]; isStr {
			*dst = &v
		}
	}
	return o, AsError(ps)
}
