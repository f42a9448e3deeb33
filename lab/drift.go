package lab

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/mesoslab/mesoslab/lab/config"
)

// DriftError is a configuration that changed in a way the built lab cannot
// follow without being rebuilt.
type DriftError struct {
	Lab     string
	Changes []string
}

func (e *DriftError) Error() string {
	return fmt.Sprintf("lab %q was built differently from what the configuration now says:\n  - %s\n"+
		"undo the change, or rebuild with `mesoslab destroy --lab %s` then `mesoslab up`",
		e.Lab, strings.Join(e.Changes, "\n  - "), e.Lab)
}

// checkDrift compares the plan with the spec the lab was built from. Only
// what shapes the machines counts: the provider, the nodes and their
// addresses, ports and sizes. Components and sources may change freely:
// provisioning converges to them. A record of a lab Vagrant never made a
// machine of (an up that failed at its first node) is nothing to drift
// from: Vagrant is asked only when the record differs.
func checkDrift(ctx context.Context, b Backends, d Dir, p *config.Plan) error {
	built, ok, err := LoadSpec(d)
	if err != nil || !ok {
		return err
	}
	old, err := config.NewPlan(built)
	if err != nil {
		return nil // an invalid record cannot have been built; treat as new
	}
	var changes []string
	if old.Spec.Provider != p.Spec.Provider {
		changes = append(changes, fmt.Sprintf("provider: built with %s, now %s", old.Spec.Provider, p.Spec.Provider))
	}
	if len(old.Nodes) != len(p.Nodes) {
		changes = append(changes, fmt.Sprintf("nodes: built with %d masters and %d agents, now %d and %d",
			old.Spec.Masters, old.Spec.Agents, p.Spec.Masters, p.Spec.Agents))
	} else {
		for i, n := range p.Nodes {
			o := old.Nodes[i]
			if o != n {
				changes = append(changes, fmt.Sprintf("%s: built as %s %s ssh %d %d MB %d CPUs, now %s %s ssh %d %d MB %d CPUs",
					n.Name, o.Name, o.IP, o.SSHPort, o.MemoryMB, o.CPUs, n.Name, n.IP, n.SSHPort, n.MemoryMB, n.CPUs))
			}
		}
	}
	if len(changes) == 0 {
		return nil
	}
	if _, err := createdMachines(ctx, b, d, p.Spec.Name); err != nil {
		var ne *NotExistError
		if errors.As(err, &ne) {
			return nil
		}
		return err
	}
	return &DriftError{Lab: p.Spec.Name, Changes: changes}
}
