package lab

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mesoslab/mesoslab/lab/config"
)

// LabSummary is one lab under $MESOSLAB_HOME/labs, as `mesoslab list`
// shows it.
type LabSummary struct {
	Name     string `json:"name"`
	Provider string `json:"provider"`
	// Nodes are the node names, masters first.
	Nodes []string `json:"nodes"`
	// Built is true when the lab has a recorded spec (lab.json).
	Built bool `json:"built"`
	// State sums up the machines: "not created", "running",
	// "poweroff" or a mix such as "3 running, 3 poweroff".
	State string `json:"state"`
	// Problem says why the lab's spec or states could not be read.
	Problem string `json:"problem,omitempty"`
	Dir     string `json:"dir"`
	Subnet  string `json:"subnet"`
	// SSHPorts is the first and last SSH port the nodes forward.
	SSHPorts [2]int `json:"ssh_ports"`
}

// ListLabs reads every lab under home: its recorded spec, else its
// mesoslab.yaml, else the defaults. Only labs whose directory holds Vagrant
// machines are asked for states, through b.Vagrant; nothing else is probed.
func ListLabs(ctx context.Context, b Backends, home string) ([]LabSummary, error) {
	specs, err := existingSpecs(home)
	if err != nil {
		return nil, err
	}
	out := make([]LabSummary, 0, len(specs))
	for _, e := range specs {
		ls := LabSummary{Name: e.name, Provider: e.spec.Provider, Built: e.built, State: "not created",
			Problem: e.problem, Dir: e.dir.Root, Subnet: e.spec.Subnet}
		nodes, _ := config.DeriveNodes(e.spec)
		for _, n := range nodes {
			ls.Nodes = append(ls.Nodes, n.Name)
		}
		ls.SSHPorts = portRange(nodes)
		if e.dir.hasMachineIDs() && b.Vagrant != nil {
			states, err := queryStates(ctx, b.Vagrant(e.dir.Root))
			if err != nil {
				ls.State, ls.Problem = "unknown", err.Error()
			} else {
				ls.State = summarizeStates(ls.Nodes, states)
			}
		}
		out = append(out, ls)
	}
	return out, nil
}

// summarizeStates counts the nodes by Vagrant state, in node order.
func summarizeStates(nodes []string, states MachineStates) string {
	count := map[string]int{}
	var order []string
	for _, n := range nodes {
		st := strings.ReplaceAll(string(states.of(n)), "_", " ")
		if count[st] == 0 {
			order = append(order, st)
		}
		count[st]++
	}
	if len(order) == 1 {
		return order[0]
	}
	parts := make([]string, len(order))
	for i, st := range order {
		parts[i] = fmt.Sprintf("%d %s", count[st], st)
	}
	return strings.Join(parts, ", ")
}

// existingLab is one lab directory and the spec it holds.
type existingLab struct {
	name string
	dir  Dir
	spec config.Spec
	// built: spec is lab.json; configured: spec is mesoslab.yaml.
	built, configured bool
	problem           string
}

// existingSpecs reads every lab directory under home, sorted by name.
func existingSpecs(home string) ([]existingLab, error) {
	entries, err := os.ReadDir(filepath.Join(home, "labs"))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list the labs: %w", err)
	}
	var out []existingLab
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		d := DirFor(home, e.Name())
		el := existingLab{name: e.Name(), dir: d, spec: config.Default()}
		el.spec.Name = e.Name()
		if s, ok, err := LoadSpec(d); err != nil {
			el.problem = err.Error()
		} else if ok {
			el.spec, el.built = s, true
		} else if fileExists(d.Config()) {
			if s, err := config.LoadFile(d.Config(), el.spec); err != nil {
				el.problem = err.Error()
			} else {
				el.spec, el.configured = s, true
			}
		}
		out = append(out, el)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

func portRange(nodes []config.Node) [2]int {
	var r [2]int
	for i, n := range nodes {
		if i == 0 || n.SSHPort < r[0] {
			r[0] = n.SSHPort
		}
		r[1] = max(r[1], n.SSHPort)
	}
	return r
}
