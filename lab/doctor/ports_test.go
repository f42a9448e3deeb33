package doctor

import (
	"testing"
)

func TestCheckPorts(t *testing.T) {
	const uuid = "5d0c8f63-2b7e-4a51-9c1e-8f3a2d64b7c0"
	const machines = "/home/ada/lab/.vagrant/machines"
	vbox := func(state string) func(*fakeHost, *Lab) {
		return func(h *fakeHost, _ *Lab) {
			h.dirs[machines] = []string{"master1"}
			h.files[machines+"/master1/virtualbox/id"] = uuid
			h.cmds["/usr/bin/VBoxManage showvminfo "+uuid+" --machine-readable"] = fakeCmd{out: Output{
				Stdout: td(t, "provider/showvminfo-master1-"+state+".txt")}}
		}
	}
	tests := []struct {
		name         string
		busy         []int
		setup        func(*fakeHost, *Lab)
		status       Status
		finding, fix string
	}{
		{name: "all free", status: StatusOK, finding: "127.0.0.1 ports 2222, 2200, 2201, 2202, 2203, 2204 are free"},
		{name: "taken by another program", busy: []int{2222, 2203}, status: StatusFail,
			finding: "127.0.0.1 port 2222, 2203 in use by another program", fix: "`sudo ss -ltnp 'sport = :2222'`"},
		{name: "held by this lab's running VM", busy: []int{2222}, setup: vbox("running"), status: StatusOK,
			finding: "in use by this lab's own machines: 2222 (master1)"},
		{name: "lab VM is off, so someone else holds it", busy: []int{2222}, setup: vbox("poweroff"), status: StatusFail,
			finding: "port 2222 in use by another program"},
		{name: "held by this lab's container", busy: []int{2222}, setup: func(h *fakeHost, l *Lab) {
			l.Provider = ProviderDocker
			h.dirs[machines] = []string{"master1"}
			h.files[machines+"/master1/docker/id"] = "9f2c1e0d7b6a\n"
			h.cmds["docker port 9f2c1e0d7b6a"] = fakeCmd{out: Output{Stdout: td(t, "provider/docker-port-master1.txt")}}
		}, status: StatusOK, finding: "2222 (master1)"},
		{name: "macOS advice", busy: []int{2200}, setup: func(h *fakeHost, _ *Lab) { h.os = "darwin" }, status: StatusFail,
			fix: "`lsof -nP -iTCP:2200 -sTCP:LISTEN`"},
		{name: "Windows advice", busy: []int{2200}, setup: func(h *fakeHost, _ *Lab) { h.os = "windows" }, status: StatusFail,
			fix: "`netstat -ano | findstr :2200`"},
		{name: "no forwarded ports", setup: func(_ *fakeHost, l *Lab) { l.SSHPorts = nil }, status: StatusOK,
			finding: "forwards no ports"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, lab := healthyLinux(t), haLab()
			h.busy = tt.busy
			if tt.setup != nil {
				tt.setup(h, &lab)
			}
			expect(t, runCheck(t, h, lab, "ports"), tt.status, []string{tt.finding}, []string{tt.fix})
		})
	}
}
