package doctor

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// checkRAM fails when the lab's memory plus the host reserve exceeds total
// RAM (VirtualBox cannot start the last VMs), and warns when it exceeds what
// is available now (other programs must give memory back first).
func checkRAM(ctx context.Context, p *probe, lab Lab) finding {
	n, per := lab.machines(), lab.MemoryMB
	if n <= 0 || per <= 0 {
		return finding{StatusFail, fmt.Sprintf("the lab asks for %d machines with %d MB each", n, per),
			"set at least one master and one agent and a memory size (--memory)"}
	}
	m, err := p.h.Memory(ctx)
	if err != nil {
		return finding{StatusWarn, "cannot read the host's memory: " + err.Error(),
			fmt.Sprintf("make sure the host has %s free for the lab", gb(n*per+HostReserveMB))}
	}
	totalMB, availMB := mib(m.Total), mib(m.Available)
	budget := n * per
	arith := fmt.Sprintf("%d %s x %d MB = %s + %s for the host", n, lab.noun(), per, gb(budget), gb(HostReserveMB))
	if budget+HostReserveMB > totalMB {
		fix := "use a host with more RAM"
		if s := suggestTopology(lab, totalMB-HostReserveMB); s != "" {
			fix = s + ", or " + fix
		}
		return finding{StatusFail, arith + " > " + gb(totalMB) + " total", fix}
	}
	if budget > availMB {
		fix := "close other programs (browsers, IDEs, other VMs) before starting the lab"
		if s := suggestTopology(lab, availMB); s != "" {
			fix += ", or " + s
		}
		return finding{StatusWarn, fmt.Sprintf("%d %s x %d MB = %s > %s available now (%s total)",
			n, lab.noun(), per, gb(budget), gb(availMB), gb(totalMB)), fix}
	}
	return ok(fmt.Sprintf("%s <= %s total; %s available now", arith, gb(totalMB), gb(availMB)))
}

// suggestTopology finds the largest lab that fits in budgetMB and returns
// the flags that select it, or "" when not even one master and one agent at
// the lab's memory floor fit. "Largest" means the most memory in use; ties
// keep more masters (quorum), then more memory per machine.
func suggestTopology(lab Lab, budgetMB int) string {
	type topo struct{ masters, agents, mem int }
	mems := []int{lab.MemoryMB}
	if floor := orDefault(lab.MemoryFloorMB, MinMemoryMB); lab.MemoryMB > floor {
		mems = append(mems, floor)
	}
	// A ZooKeeper quorum wants an odd number of masters.
	masters := []int{lab.Masters}
	for m := lab.Masters - 1; m >= 1; m-- {
		if m%2 == 1 {
			masters = append(masters, m)
		}
	}
	var best *topo
	better := func(a, b topo) bool {
		ta, tb := (a.masters+a.agents)*a.mem, (b.masters+b.agents)*b.mem
		if ta != tb {
			return ta > tb
		}
		if a.masters != b.masters {
			return a.masters > b.masters
		}
		return a.mem > b.mem
	}
	for _, mem := range mems {
		for _, m := range masters {
			for a := lab.Agents; a >= 1; a-- {
				t := topo{m, a, mem}
				if (m+a)*mem <= budgetMB && (best == nil || better(t, *best)) {
					best = &t
				}
			}
		}
	}
	if best == nil {
		return ""
	}
	var flags []string
	if best.masters != lab.Masters {
		flags = append(flags, "--masters "+strconv.Itoa(best.masters))
	}
	if best.agents != lab.Agents {
		flags = append(flags, "--agents "+strconv.Itoa(best.agents))
	}
	if best.mem != lab.MemoryMB {
		flags = append(flags, "--memory "+strconv.Itoa(best.mem))
	}
	if len(flags) == 0 {
		return ""
	}
	return fmt.Sprintf("start a smaller lab with `%s` (%d %s x %d MB = %s)", strings.Join(flags, " "),
		best.masters+best.agents, lab.noun(), best.mem, gb((best.masters+best.agents)*best.mem))
}

// mib converts bytes to whole MiB, the unit VirtualBox and the flags use.
func mib(b uint64) int { return int(b >> 20) }

// gb renders MiB as GB with at most one decimal: 15360 -> "15 GB".
func gb(mb int) string {
	s := strconv.FormatFloat(float64(mb)/1024, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0") + " GB"
}
