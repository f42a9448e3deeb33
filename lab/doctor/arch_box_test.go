package doctor

import (
	"testing"
)

const boxStore = "/home/ada/.vagrant.d/boxes/bento-VAGRANTSLASH-debian-12"

// storeBox puts one version of the box with the given architecture folders
// in the fake box store; arch "" is the layout of Vagrant before 2.4.
func storeBox(h *fakeHost, root, version string, archs ...string) {
	h.dirs = map[string][]string{root: {version, "metadata_url"}}
	for _, a := range archs {
		if a == "" {
			h.dirs[root+"/"+version] = append(h.dirs[root+"/"+version], "virtualbox")
			continue
		}
		h.dirs[root+"/"+version] = append(h.dirs[root+"/"+version], a)
		h.dirs[root+"/"+version+"/"+a] = []string{"virtualbox"}
	}
}

func TestCheckBox(t *testing.T) {
	tests := []struct {
		name         string
		setup        func(*fakeHost, *Lab)
		status       Status
		finding, fix string
	}{
		{name: "downloaded", status: StatusOK, finding: "box bento/debian-12 is downloaded (amd64)"},
		{name: "old store layout", setup: func(h *fakeHost, _ *Lab) { storeBox(h, boxStore, "202312.28.0", "") },
			status: StatusOK, finding: "(no architecture recorded)"},
		{name: "not downloaded", setup: func(h *fakeHost, _ *Lab) { h.dirs = nil }, status: StatusWarn,
			finding: "box bento/debian-12 is not downloaded: the first `up` downloads it",
			fix:     "`vagrant box add bento/debian-12 --provider virtualbox`"},
		{name: "other version downloaded", setup: func(_ *fakeHost, l *Lab) { l.BoxVersion = "202508.03.0" }, status: StatusWarn,
			finding: "bento/debian-12 202508.03.0 is not downloaded", fix: "--box-version 202508.03.0"},
		{name: "VAGRANT_HOME", setup: func(h *fakeHost, _ *Lab) {
			h.env["VAGRANT_HOME"] = "/data/vagrant"
			storeBox(h, "/data/vagrant/boxes/bento-VAGRANTSLASH-debian-12", "202502.21.0", "amd64", "arm64")
		}, status: StatusOK, finding: "(amd64, arm64)"},
		{name: "no box named", setup: func(_ *fakeHost, l *Lab) { l.Box = "" }, status: StatusFail, finding: "names no box"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, lab := healthyLinux(t), haLab()
			if tt.setup != nil {
				tt.setup(h, &lab)
			}
			expect(t, runCheck(t, h, lab, "box"), tt.status, []string{tt.finding}, []string{tt.fix})
		})
	}
}

func TestCheckArch(t *testing.T) {
	tests := []struct {
		name, arch, vbox string
		archs            []string
		setup            func(*fakeHost)
		status           Status
		finding, fix     string
	}{
		{name: "amd64", arch: "amd64", vbox: "oracle-7.2.6.txt", status: StatusOK, finding: "amd64 host"},
		{name: "amd64 host, arm64-only box", arch: "amd64", vbox: "oracle-7.2.6.txt", archs: []string{"arm64"},
			status: StatusFail, finding: "built only for [arm64]"},
		{name: "Apple Silicon, arm64 box", arch: "arm64", vbox: "oracle-7.2.6.txt", archs: []string{"amd64", "arm64"},
			status: StatusOK, finding: "box bento/debian-12 has an arm64 build"},
		{name: "Apple Silicon, VirtualBox 7.0", arch: "arm64", vbox: "ose-7.0.20.txt", archs: []string{"arm64"},
			status: StatusFail, finding: "VirtualBox runs on arm64 from 7.1 on", fix: "VirtualBox 7.2"},
		{name: "Apple Silicon, VirtualBox 7.1.4", arch: "arm64", vbox: "oracle-7.1.4.txt", archs: []string{"arm64"},
			status: StatusWarn, finding: "need 7.1.6 or later"},
		{name: "Apple Silicon, amd64-only box", arch: "arm64", vbox: "oracle-7.2.6.txt", archs: []string{"amd64"},
			status: StatusFail, finding: "has no arm64 build", fix: "--provider docker"},
		{name: "Apple Silicon, downloaded amd64 box", arch: "arm64", vbox: "oracle-7.2.6.txt", status: StatusFail,
			finding: "is not an arm64 build (amd64)", fix: "vagrant box remove bento/debian-12"},
		{name: "Apple Silicon, downloaded arm64 box", arch: "arm64", vbox: "oracle-7.2.6.txt",
			setup: func(h *fakeHost) { storeBox(h, boxStore, "202502.21.0", "arm64") }, status: StatusOK, finding: "is the arm64 build"},
		{name: "Apple Silicon, box unknown", arch: "arm64", vbox: "oracle-7.2.6.txt", setup: func(h *fakeHost) { h.dirs = nil },
			status: StatusWarn, finding: "cannot tell whether box bento/debian-12 has an arm64 build"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, lab := healthyLinux(t), haLab()
			h.os, h.arch = "darwin", tt.arch
			lab.BoxArchitectures = tt.archs
			setTool(t, h, "VBoxManage", "vboxmanage-version/", tt.vbox)
			if tt.setup != nil {
				tt.setup(h)
			}
			expect(t, runCheck(t, h, lab, "arch"), tt.status, []string{tt.finding}, []string{tt.fix})
		})
	}
}
