package lab

import (
	"testing"

	"github.com/mesoslab/mesoslab/lab/config"
)

// TestDoctorLabKeyURL: the doctor fetches the Mesos signing key only for a
// lab that installs from the Mesos repository.
func TestDoctorLabKeyURL(t *testing.T) {
	tests := []struct {
		name string
		c    config.Components
		want string
	}{
		{"full stack", config.Components{ZooKeeper: true, Mesos: true, Marathon: true, Chronos: true, MesosDNS: true}, config.DefaultSources().Mesos.KeyURL},
		{"ZooKeeper only", config.Components{ZooKeeper: true}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPlan(t, func(s *config.Spec) { s.Components = tt.c })
			if got := doctorLab(p, Dir{Root: t.TempDir()}).MesosKeyURL; got != tt.want {
				t.Errorf("MesosKeyURL = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestContainerLabBudgetIsItsLimits: the doctor charges the container lab
// exactly the memory limits the Vagrantfile gives its containers, and those
// follow the services each role runs with the lab's components, not the
// VMs' --memory.
func TestContainerLabBudgetIsItsLimits(t *testing.T) {
	for _, c := range []config.Components{
		{ZooKeeper: true, Mesos: true, Marathon: true, Chronos: true, MesosDNS: true},
		{ZooKeeper: true},
	} {
		p := mustPlan(t, func(s *config.Spec) { s.Provider, s.Components = "docker", c })
		l := doctorLab(p, Dir{Root: t.TempDir()})
		master, _ := config.MinMemoryMB(config.RoleMaster, c)
		agent, _ := config.MinMemoryMB(config.RoleAgent, c)
		if l.MasterMemoryMB != master || l.AgentMemoryMB != agent {
			t.Errorf("%+v: doctor sizes %d/%d MB, want the services' %d/%d MB", c, l.MasterMemoryMB, l.AgentMemoryMB, master, agent)
		}
		charged := l.Masters*l.MasterMemoryMB + l.Agents*l.AgentMemoryMB
		limits := 0
		for _, n := range vagrantData(p).Nodes {
			limits += n.MemoryMB
		}
		if charged != limits || charged >= p.MemoryBudgetMB() {
			t.Errorf("%+v: doctor charges %d MB, containers are limited to %d MB (VMs would take %d MB)", c, charged, limits, p.MemoryBudgetMB())
		}
	}
	vb := mustPlan(t, nil)
	if l := doctorLab(vb, Dir{Root: t.TempDir()}); l.MasterMemoryMB != 0 || l.AgentMemoryMB != 0 || l.MemoryMB != config.DefaultMemoryMB {
		t.Errorf("VirtualBox lab sized %+v, want %d MB per VM", l, config.DefaultMemoryMB)
	}
}
