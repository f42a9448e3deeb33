package lab

import "testing"

// TestDoctorLabKeyURL: the doctor fetches the Mesos signing key only for a
// lab that installs from the Mesos repository.
func TestDoctorLabKeyURL(t *testing.T) {
	tests := []struct {
		name string
		c    Components
		want string
	}{
		{"full stack", Components{ZooKeeper: true, Mesos: true, Marathon: true, Chronos: true, MesosDNS: true}, DefaultSources().Mesos.KeyURL},
		{"ZooKeeper only", Components{ZooKeeper: true}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPlan(t, func(s *Spec) { s.Components = tt.c })
			if got := p.DoctorLab(Dir{Root: t.TempDir()}).MesosKeyURL; got != tt.want {
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
	for _, c := range []Components{
		{ZooKeeper: true, Mesos: true, Marathon: true, Chronos: true, MesosDNS: true},
		{ZooKeeper: true},
	} {
		p := mustPlan(t, func(s *Spec) { s.Provider, s.Components = "docker", c })
		l := p.DoctorLab(Dir{Root: t.TempDir()})
		master, _ := MinMemoryMB(RoleMaster, c)
		agent, _ := MinMemoryMB(RoleAgent, c)
		if l.MasterMemoryMB != master || l.AgentMemoryMB != agent {
			t.Errorf("%+v: doctor sizes %d/%d MB, want the services' %d/%d MB", c, l.MasterMemoryMB, l.AgentMemoryMB, master, agent)
		}
		charged := l.Masters*l.MasterMemoryMB + l.Agents*l.AgentMemoryMB
		limits := 0
		for _, n := range p.VagrantData().Nodes {
			limits += n.MemoryMB
		}
		if charged != limits || charged >= p.MemoryBudgetMB() {
			t.Errorf("%+v: doctor charges %d MB, containers are limited to %d MB (VMs would take %d MB)", c, charged, limits, p.MemoryBudgetMB())
		}
	}
	vb := mustPlan(t, nil)
	if l := vb.DoctorLab(Dir{Root: t.TempDir()}); l.MasterMemoryMB != 0 || l.AgentMemoryMB != 0 || l.MemoryMB != DefaultMemoryMB {
		t.Errorf("VirtualBox lab sized %+v, want %d MB per VM", l, DefaultMemoryMB)
	}
}
