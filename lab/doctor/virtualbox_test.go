package doctor

import (
	"errors"
	"testing"
)

func TestCheckVirtualBox(t *testing.T) {
	tests := []struct {
		name, file   string
		status       Status
		finding, fix string
	}{
		{"Oracle 7.2", "oracle-7.2.6.txt", StatusOK, "VirtualBox 7.2.6 is supported (/usr/bin/VBoxManage)", ""},
		{"Ubuntu build", "ubuntu-7.1.4.txt", StatusOK, "VirtualBox 7.1.4 is supported", ""},
		{"OSE build", "ose-7.0.20.txt", StatusOK, "VirtualBox 7.0.20 is supported", ""},
		{"6.1 is old", "debian-6.1.50.txt", StatusWarn, "VirtualBox 6.1.50 is old", "install VirtualBox 7.2"},
		{"4.3 is too old", "debian-4.3.36.txt", StatusFail, "VirtualBox 4.3.36 is too old", "virtualbox-7.2"},
		{"7.3 is unknown", "oracle-7.3.0.txt", StatusWarn, "newer than the 7.2 series", ""},
		{"vboxdrv not loaded", "warning-vboxdrv-not-loaded-7.0.14.txt", StatusFail,
			"VirtualBox 7.0.14 is installed but its kernel module is not loaded", "sudo /sbin/vboxconfig"},
		{"no /dev/vboxdrv", "warning-no-dev-vboxdrv-5.2.34.txt", StatusFail, "kernel module is not loaded", "sudo /sbin/vboxconfig"},
		{"LOGNAME warning", "warning-logname-7.0.18.txt", StatusWarn, "LOGNAME or USER", "Vagrant 2.4.2 or later"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := healthyLinux(t)
			setTool(t, h, "VBoxManage", "vboxmanage-version/", tt.file)
			expect(t, runCheck(t, h, haLab(), "virtualbox"), tt.status, []string{tt.finding}, []string{tt.fix})
		})
	}
}

func TestCheckVirtualBoxNotInstalled(t *testing.T) {
	tests := []struct{ os, arch, fix string }{
		{"linux", "amd64", "add Oracle's VirtualBox apt repository and `sudo apt-get install virtualbox-7.2` (VirtualBox is not in Debian 12)"},
		{"darwin", "amd64", "`brew install --cask virtualbox`"},
		{"darwin", "arm64", "VirtualBox 7.1 or later for Apple Silicon"},
		{"windows", "amd64", "Oracle's VirtualBox installer for Windows hosts"},
	}
	for _, tt := range tests {
		t.Run(tt.os+"/"+tt.arch, func(t *testing.T) {
			h := healthyLinux(t)
			h.os, h.arch = tt.os, tt.arch
			setTool(t, h, "VBoxManage", "", "")
			expect(t, runCheck(t, h, haLab(), "virtualbox"), StatusFail,
				[]string{"VirtualBox is not installed (VBoxManage not found)"}, []string{tt.fix, "--provider docker"})
		})
	}
}

// VBoxManage is often not on PATH on macOS and Windows.
func TestFindVBoxManageInInstallFolders(t *testing.T) {
	tests := []struct {
		os   string
		env  map[string]string
		path string
	}{
		{"darwin", nil, "/Applications/VirtualBox.app/Contents/MacOS/VBoxManage"},
		{"windows", map[string]string{"VBOX_MSI_INSTALL_PATH": `D:\Apps\VirtualBox\`}, `D:\Apps\VirtualBox\VBoxManage.exe`},
		{"windows", nil, `C:\Program Files\Oracle\VirtualBox\VBoxManage.exe`},
		{"linux", nil, "/usr/lib/virtualbox/VBoxManage"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			h := healthyLinux(t)
			h.os, h.env = tt.os, tt.env
			setTool(t, h, "VBoxManage", "", "")
			h.paths[tt.path] = tt.path
			h.cmds[tt.path+" --version"] = fakeCmd{out: Output{Stdout: td(t, "vboxmanage-version/oracle-7.2.6.txt")}}
			expect(t, runCheck(t, h, haLab(), "virtualbox"), StatusOK, []string{"VirtualBox 7.2.6 is supported (" + tt.path + ")"}, nil)
		})
	}
}

func TestCheckVirtualBoxBroken(t *testing.T) {
	h := healthyLinux(t)
	h.cmds["/usr/bin/VBoxManage --version"] = fakeCmd{out: Output{ExitCode: 1,
		Stderr: "VBoxManage: error: Failed to create the VirtualBox object!"}, err: errors.New("exit status 1")}
	expect(t, runCheck(t, h, haLab(), "virtualbox"), StatusFail, []string{"--version` failed"}, []string{"reinstall VirtualBox"})
}
