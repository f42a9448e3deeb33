package doctor

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// checkRAM fails when the lab's memory plus the host reserve exceeds total
// RAM (VirtualBox cannot start the last VMs, Docker kills the containers'
// services), and warns when it exceeds what is available now (other
// programs must give memory back first).
func checkRAM(ctx context.Context, p *probe, lab Lab) finding {
	n, mm, am := lab.machines(), lab.masterMB(), lab.agentMB()
	if n <= 0 || mm <= 0 || am <= 0 {
		return finding{StatusFail, fmt.Sprintf("the lab asks for %d machines with %d MB each", n, lab.MemoryMB),
			"set at least one master and one agent and a memory size (--memory)"}
	}
	budget := lab.Masters*mm + lab.Agents*am
	m, err := p.h.Memory(ctx)
	if err != nil {
		return finding{StatusWarn, "cannot read the host's memory: " + err.Error(),
			fmt.Sprintf("make sure the host has %s free for the lab", gb(budget+HostReserveMB))}
	}
	totalMB, availMB := mib(m.Total), mib(m.Available)
	arith := sizes(lab, lab.Masters, lab.Agents, mm, am) + " + " + gb(HostReserveMB) + " for the host"
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
		return finding{StatusWarn, fmt.Sprintf("%s > %s available now (%s total)",
			sizes(lab, lab.Masters, lab.Agents, mm, am), gb(availMB), gb(totalMB)), fix}
	}
	return ok(fmt.Sprintf("%s <= %s total; %s available now", arith, gb(totalMB), gb(availMB)))
}

// sizes writes the memory arithmetic of masters and agents sized mm and am:
// "6 VMs x 2560 MB = 15 GB", or with sizes by role
// "3 masters x 2048 MB + 3 agents x 1024 MB = 9 GB".
func sizes(lab Lab, masters, agents, mm, am int) string {
	total := gb(masters*mm + agents*am)
	if mm == am {
		return fmt.Sprintf("%d %s x %d MB = %s", masters+agents, lab.noun(), mm, total)
	}
	return fmt.Sprintf("%s x %d MB + %s x %d MB = %s", plural(masters, "master"), mm, plural(agents, "agent"), am, total)
}

// suggestTopology finds the largest lab that fits in budgetMB and returns
// the flags that select it, or "" when not even one master and one agent
// at the lab's memory floor fit. "Largest" means the most memory in use; ties keep more masters
// (quorum), then more memory per machine. VMs may also shrink to
// the lab's memory floor; machines sized by role (containers) keep their sizes.
func suggestTopology(lab Lab, budgetMB int) string {
	type topo struct{ masters, agents, mem int } // mem 0: the lab's sizes by role
	mems := []int{0}
	if !lab.sizedByRole() {
		mems = []int{lab.MemoryMB}
		if floor := orDefault(lab.MemoryFloorMB, MinMemoryMB); lab.MemoryMB > floor {
			mems = append(mems, floor)
		}
	}
	perRole := func(t topo) (int, int) {
		if t.mem == 0 {
			return lab.masterMB(), lab.agentMB()
		}
		return t.mem, t.mem
	}
	cost := func(t topo) int {
		mm, am := perRole(t)
		return t.masters*mm + t.agents*am
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
		if ta, tb := cost(a), cost(b); ta != tb {
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
				if cost(t) <= budgetMB && (best == nil || better(t, *best)) {
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
	if best.mem != 0 && best.mem != lab.MemoryMB {
		flags = append(flags, "--memory "+strconv.Itoa(best.mem))
	}
	if len(flags) == 0 {
		return ""
	}
	mm, am := perRole(*best)
	return fmt.Sprintf("start a smaller lab with `%s` (%s)", strings.Join(flags, " "), sizes(lab, best.masters, best.agents, mm, am))
}

// mib converts bytes to whole MiB, the unit VirtualBox and the flags use.
func mib(b uint64) int { return int(b >> 20) }

// gb renders MiB as GB with at most one decimal: 15360 -> "15 GB".
func gb(mb int) string {
	s := strconv.FormatFloat(float64(mb)/1024, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0") + " GB"
}
