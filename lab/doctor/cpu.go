package doctor

import (
	"context"
	"fmt"
)

// Over-commit limits. VirtualBox runs more vCPUs than host CPUs, so
// over-commit only warns: the lab gets slow (Marathon and Chronos time out
// while starting) rather than failing outright.
const (
	minHostCPUs     = 2
	maxOvercommitX  = 3.0
	overcommitLabel = "over-commit"
)

// checkCPU compares the vCPUs the lab requests with the host's logical CPUs.
func checkCPU(ctx context.Context, p *probe, lab Lab) finding {
	n := lab.machines()
	per := max(lab.CPUs, 1)
	host, err := p.h.CPUs(ctx)
	if err != nil {
		return finding{StatusWarn, "cannot count the host's CPUs: " + err.Error(), "make sure the host has at least 2 CPUs"}
	}
	want := n * per
	if host < minHostCPUs {
		return finding{StatusFail, fmt.Sprintf("%s; the lab needs at least %d", plural(host, "logical CPU"), minHostCPUs),
			"use a host (or a VM with nested virtualization) with at least 2 CPUs"}
	}
	if lab.provider() == ProviderDocker {
		return checkContainerCPUs(lab, per, host)
	}
	ratio := float64(want) / float64(host)
	line := fmt.Sprintf("%d %s x %s = %d vCPUs on %d logical CPUs (%.1fx %s)",
		n, lab.noun(), plural(per, "vCPU"), want, host, ratio, overcommitLabel)
	if ratio > maxOvercommitX {
		fix := "expect slow start-up"
		switch {
		case per > 1:
			fix = fmt.Sprintf("use --cpus 1 (%d vCPUs), or %s", n, fix)
		case lab.Agents > 1:
			fix = fmt.Sprintf("use fewer agents (--agents %d), or %s", max(1, lab.Agents-(want-int(maxOvercommitX*float64(host)))), fix)
		}
		return finding{StatusWarn, line, fix}
	}
	return ok(line)
}

// checkContainerCPUs: containers reserve no CPUs, they share the host's,
// each capped at per (`docker run --cpus`); Docker refuses a cap above the
// host's CPU count, so that is the one real limit.
func checkContainerCPUs(lab Lab, per, host int) finding {
	line := fmt.Sprintf("%d containers share %s, each capped at %s", lab.machines(), plural(host, "logical CPU"), plural(per, "CPU"))
	if per > host {
		return finding{StatusFail, line + ": Docker refuses a CPU limit above the host's CPUs",
			fmt.Sprintf("use --cpus %d or fewer", host)}
	}
	return ok(line)
}

// plural writes "1 vCPU", "2 vCPUs".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
