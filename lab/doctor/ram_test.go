package doctor

import (
	"errors"
	"testing"
)

func TestCheckRAM(t *testing.T) {
	tests := []struct {
		name         string
		total, avail uint64
		memErr       error
		lab          func(*Lab)
		status       Status
		finding, fix string
	}{
		{name: "fits", total: 32 * gib, avail: 28 * gib, status: StatusOK,
			finding: "6 VMs x 2560 MB = 15 GB + 2 GB for the host <= 32 GB total; 28 GB available now"},
		{name: "12 GB laptop drops an agent", total: 12 * gib, avail: 10 * gib, status: StatusFail,
			finding: "6 VMs x 2560 MB = 15 GB + 2 GB for the host > 12 GB total",
			fix:     "start a smaller lab with `--agents 1` (4 VMs x 2560 MB = 10 GB), or use a host with more RAM"},
		{name: "8 GB laptop gives up quorum and memory", total: 8 * gib, avail: 7 * gib, status: StatusFail,
			finding: "> 8 GB total", fix: "`--masters 1 --agents 2 --memory 2048` (3 VMs x 2048 MB = 6 GB)"},
		// 3 VMs x 2432 MB do not fit where 3 x 2048 did; 2048 is below the floor.
		{name: "no suggestion below the lab's memory floor", total: 8 * gib, avail: 7 * gib, lab: func(l *Lab) { l.MemoryFloorMB = 2432 },
			status: StatusFail, finding: "> 8 GB total", fix: "start a smaller lab with `--masters 1 --agents 1` (2 VMs x 2560 MB = 5 GB)"},
		{name: "4 GB is too small for any lab", total: 4 * gib, avail: 3 * gib, status: StatusFail,
			finding: "> 4 GB total", fix: "use a host with more RAM"},
		{name: "fits in total but not in what is free now", total: 24 * gib, avail: 10 * gib, status: StatusWarn,
			finding: "6 VMs x 2560 MB = 15 GB > 10 GB available now (24 GB total)", fix: "close other programs"},
		{name: "odd sizes keep one decimal", total: 24105 << 20, avail: 23490 << 20, status: StatusOK,
			finding: "<= 23.5 GB total; 22.9 GB available now"},
		{name: "containers", total: 12 * gib, avail: 10 * gib, lab: func(l *Lab) { l.Provider = ProviderDocker }, status: StatusFail,
			finding: "6 containers x 2560 MB"},
		// The container lab's limits follow each role's services: the full
		// stack fits a 16 GB laptop that the VM sizes did not.
		{name: "container lab sized by role on 16 GB", total: 16 * gib, avail: 12 * gib, lab: containerLab, status: StatusOK,
			finding: "3 masters x 2048 MB + 3 agents x 1024 MB = 9 GB + 2 GB for the host <= 16 GB total"},
		{name: "container lab sized by role on 8 GB", total: 8 * gib, avail: 7 * gib, lab: containerLab, status: StatusFail,
			finding: "3 masters x 2048 MB + 3 agents x 1024 MB = 9 GB + 2 GB for the host > 8 GB total",
			fix:     "start a smaller lab with `--masters 1` (1 master x 2048 MB + 3 agents x 1024 MB = 5 GB)"},
		{name: "container lab never told to shrink its memory", total: 4 * gib, avail: 3 * gib, lab: containerLab, status: StatusFail,
			finding: "> 4 GB total", fix: "use a host with more RAM"},
		{name: "memory unreadable", memErr: errors.New("sysctl failed"), status: StatusWarn,
			finding: "cannot read the host's memory: sysctl failed", fix: "17 GB free"},
		{name: "no machines", total: 32 * gib, lab: func(l *Lab) { l.Agents, l.Masters = 0, 0 }, status: StatusFail,
			finding: "0 machines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := healthyLinux(t)
			h.mem, h.memErr = Memory{Total: tt.total, Available: tt.avail}, tt.memErr
			lab := haLab()
			if tt.lab != nil {
				tt.lab(&lab)
			}
			expect(t, runCheck(t, h, lab, "ram"), tt.status, []string{tt.finding}, []string{tt.fix})
		})
	}
}

// containerLab is the full-stack container lab as lab.DoctorLab sizes it.
func containerLab(l *Lab) {
	l.Provider, l.MasterMemoryMB, l.AgentMemoryMB = ProviderDocker, 2048, 1024
}

func TestGB(t *testing.T) {
	for mb, want := range map[int]string{15360: "15 GB", 2048: "2 GB", 2560: "2.5 GB", 24105: "23.5 GB", 0: "0 GB"} {
		if got := gb(mb); got != want {
			t.Errorf("gb(%d) = %q, want %q", mb, got, want)
		}
	}
}
