package doctor

import (
	"testing"
)

func TestCheckDisk(t *testing.T) {
	tests := []struct {
		name         string
		free         uint64
		mutate       func(*fakeHost, *Lab)
		status       Status
		finding, fix string
	}{
		{name: "box downloaded, linked clones", free: 200 * gib, status: StatusOK,
			finding: "need 20 GB (base 2 GB + 6 linked clones x 3 GB), 200 GB free in /home/ada/lab"},
		{name: "box to download", free: 200 * gib, mutate: func(h *fakeHost, _ *Lab) { h.dirs = nil }, status: StatusOK,
			finding: "need 22 GB (box download 2 GB + base 2 GB"},
		{name: "full clones", free: 200 * gib, mutate: func(_ *fakeHost, l *Lab) { l.LinkedClones = false }, status: StatusOK,
			finding: "need 30 GB (6 full clones x 5 GB)"},
		{name: "tight", free: 30 * gib, status: StatusWarn, finding: "30 GB free", fix: "free some space"},
		{name: "full", free: 12 * gib, status: StatusFail, finding: "need 20 GB", fix: "free 8 GB in /home/ada/lab"},
		{name: "lab folder not created yet", free: 0, mutate: func(h *fakeHost, l *Lab) {
			l.Dir = "/home/ada/labs/new"
			h.disk = map[string]uint64{"/home/ada": 100 * gib}
		}, status: StatusOK, finding: "100 GB free in /home/ada"},
		{name: "containers", free: 200 * gib, mutate: func(_ *fakeHost, l *Lab) { l.Provider = ProviderDocker }, status: StatusOK,
			finding: "need 18 GB (6 containers x 3 GB)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, lab := healthyLinux(t), haLab()
			h.disk = map[string]uint64{"/home/ada/lab": tt.free}
			if tt.mutate != nil {
				tt.mutate(h, &lab)
			}
			expect(t, runCheck(t, h, lab, "disk"), tt.status, []string{tt.finding}, []string{tt.fix})
		})
	}
}
