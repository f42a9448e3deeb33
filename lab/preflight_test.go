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
