package doctor

import (
	"errors"
	"testing"
)

func TestCheckCPU(t *testing.T) {
	tests := []struct {
		name         string
		cpus         int
		err          error
		perVM        int
		status       Status
		finding, fix string
	}{
		{"8 CPUs", 8, nil, 1, StatusOK, "6 VMs x 1 vCPU = 6 vCPUs on 8 logical CPUs (0.8x over-commit)", ""},
		{"2 CPUs at the limit", 2, nil, 1, StatusOK, "(3.0x over-commit)", ""},
		{"2 CPUs, 2 vCPUs each", 2, nil, 2, StatusWarn, "6 VMs x 2 vCPUs = 12 vCPUs on 2 logical CPUs (6.0x over-commit)", "use --cpus 1 (6 vCPUs)"},
		{"single CPU", 1, nil, 1, StatusFail, "1 logical CPU; the lab needs at least 2", "at least 2 CPUs"},
		{"unreadable", 0, errors.New("no sysfs"), 1, StatusWarn, "cannot count the host's CPUs: no sysfs", "at least 2 CPUs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := healthyLinux(t)
			h.cpus = tt.cpus
			lab := haLab()
			lab.CPUs = tt.perVM
			h.cpusErr = tt.err
			expect(t, runCheck(t, h, lab, "cpu"), tt.status, []string{tt.finding}, []string{tt.fix})
		})
	}
}

// Containers share the host's CPUs: six containers capped at 2 CPUs each
// pass on a 2-CPU host (they reserve nothing), a cap above the host fails.
func TestCheckCPUContainers(t *testing.T) {
	tests := []struct {
		name          string
		cpus, perCont int
		status        Status
		finding, fix  string
	}{
		{"2 CPUs, capped at 2", 2, 2, StatusOK, "6 containers share 2 logical CPUs, each capped at 2 CPUs", ""},
		{"cap above the host", 2, 4, StatusFail, "Docker refuses a CPU limit above the host's CPUs", "use --cpus 2 or fewer"},
		{"single CPU", 1, 1, StatusFail, "the lab needs at least 2", "at least 2 CPUs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := healthyLinux(t)
			h.cpus = tt.cpus
			lab := haLab()
			lab.Provider, lab.CPUs = ProviderDocker, tt.perCont
			expect(t, runCheck(t, h, lab, "cpu"), tt.status, []string{tt.finding}, []string{tt.fix})
		})
	}
}

func TestCheckCPUSuggestsFewerAgents(t *testing.T) {
	h := healthyLinux(t)
	h.cpus = 2
	lab := haLab()
	lab.Agents = 5 // 8 vCPUs on 2 CPUs: 4x
	expect(t, runCheck(t, h, lab, "cpu"), StatusWarn, []string{"8 vCPUs"}, []string{"--agents 3"})
}
