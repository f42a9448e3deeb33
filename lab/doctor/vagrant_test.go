package doctor

import (
	"errors"
	"testing"
)

func TestCheckVagrant(t *testing.T) {
	tests := []struct {
		name          string
		os, arch      string
		vagrant, vbox string // testdata files; "" = not installed
		provider      string
		status        Status
		finding, fix  string
	}{
		{name: "current pair", vagrant: "2.4.9.txt", vbox: "oracle-7.2.6.txt", status: StatusOK,
			finding: "Vagrant 2.4.9 supports VirtualBox 7.2.6 (needs >= 2.4.9)"},
		{name: "2.4.7 refuses 7.2", vagrant: "2.4.7-update-notice.txt", vbox: "oracle-7.2.6.txt", status: StatusFail,
			finding: "Vagrant 2.4.7 does not support VirtualBox 7.2.6 (it needs Vagrant >= 2.4.9)", fix: "install Vagrant 2.4.9 or later"},
		{name: "2.4.1 refuses 7.1", vagrant: "2.4.1.txt", vbox: "ubuntu-7.1.4.txt", status: StatusFail,
			finding: "needs Vagrant >= 2.4.2"},
		{name: "Debian's 2.3.4 with 7.1", vagrant: "2.3.4-debian.txt", vbox: "oracle-7.1.4.txt", status: StatusFail,
			finding: "Vagrant 2.3.4 does not support VirtualBox 7.1.4", fix: "Debian 12 ships Vagrant 2.3.4"},
		{name: "2.4.2 drives 7.1", vagrant: "2.4.2-version-command.txt", vbox: "oracle-7.1.4.txt", status: StatusOK,
			finding: "supports VirtualBox 7.1.4 (needs >= 2.4.2)"},
		{name: "2.3.2 with VirtualBox 7 on macOS", os: "darwin", vagrant: "2.3.2.txt", vbox: "ose-7.0.20.txt", status: StatusFail,
			finding: "cannot set up private networks with VirtualBox 7 on macOS (needs >= 2.3.3)", fix: "brew install"},
		{name: "2.3.2 with VirtualBox 7 on Linux", vagrant: "2.3.2.txt", vbox: "ose-7.0.20.txt", status: StatusOK},
		{name: "2.3.4 on an arm64 host", arch: "arm64", vagrant: "2.3.4-debian.txt", vbox: "ose-7.0.20.txt", status: StatusWarn,
			finding: "predates box architecture support (2.4.0)"},
		{name: "VirtualBox newer than any known Vagrant", vagrant: "2.4.9.txt", vbox: "oracle-7.3.0.txt", status: StatusWarn,
			finding: "no Vagrant release known to mesoslab supports this VirtualBox"},
		{name: "Windows CRLF", os: "windows", vagrant: "2.2.19-windows-crlf.txt", vbox: "debian-6.1.50.txt", status: StatusOK,
			finding: "Vagrant 2.2.19 supports VirtualBox 6.1.50"},
		{name: "no VirtualBox", vagrant: "2.4.9.txt", status: StatusOK, finding: "compatibility not checked"},
		{name: "docker provider", vagrant: "2.3.4-debian.txt", provider: ProviderDocker, status: StatusOK, finding: "Vagrant 2.3.4"},
		{name: "not installed", status: StatusFail, finding: "Vagrant is not installed", fix: "HashiCorp's packages"},
		{name: "not installed, docker provider", provider: ProviderDocker, status: StatusFail,
			finding: "Vagrant is not installed", fix: "sudo apt-get install vagrant"},
		{name: "not installed on Windows", os: "windows", status: StatusFail, fix: "MSI installer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, lab := healthyLinux(t), haLab()
			if tt.os != "" {
				h.os = tt.os
			}
			if tt.arch != "" {
				h.arch = tt.arch
			}
			if tt.provider != "" {
				lab.Provider = tt.provider
			}
			setTool(t, h, "vagrant", "vagrant-version/", tt.vagrant)
			setTool(t, h, "VBoxManage", "vboxmanage-version/", tt.vbox)
			expect(t, runCheck(t, h, lab, "vagrant"), tt.status, []string{tt.finding}, []string{tt.fix})
		})
	}
}

func TestCheckVagrantUnreadableVersion(t *testing.T) {
	h := healthyLinux(t)
	h.cmds["/usr/bin/vagrant --version"] = fakeCmd{out: Output{Stderr: "Vagrant failed to initialize at a very early stage", ExitCode: 1},
		err: errors.New("exit status 1")}
	expect(t, runCheck(t, h, haLab(), "vagrant"), StatusFail, []string{"`vagrant --version` failed"}, []string{"reinstall Vagrant"})
}

// setTool installs a tool in the fake host whose --version prints the
// testdata file, or removes it when file is "".
func setTool(t *testing.T, h *fakeHost, name, dir, file string) {
	t.Helper()
	path := "/usr/bin/" + name
	delete(h.paths, name)
	delete(h.cmds, path+" --version")
	if file != "" {
		h.paths[name] = path
		h.cmds[path+" --version"] = fakeCmd{out: Output{Stdout: td(t, dir+file)}}
	}
}
