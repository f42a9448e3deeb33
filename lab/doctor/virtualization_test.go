package doctor

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckVirtualizationLinux(t *testing.T) {
	const intel, amd, vm, off = "cpuinfo-intel-vmx.txt", "cpuinfo-amd-svm.txt", "cpuinfo-vm-no-nested.txt", "cpuinfo-intel-vtx-off.txt"
	const kvmIntel, kvmAMD, noKVM = "modules-kvm-intel.txt", "modules-kvm-amd.txt", "modules-vboxdrv-no-kvm.txt"
	tests := []struct {
		name                     string
		arch                     string
		cpuinfo, modules, kernel string
		builtin                  string // a KVM vendor module compiled into the kernel
		virtAtLoad, vbox         string
		status                   Status
		finding, fix             string
		notFix                   string
	}{
		{name: "Intel, no KVM", cpuinfo: intel, modules: noKVM, kernel: "6.1.0-28-amd64", vbox: "oracle-7.2.6.txt", status: StatusOK,
			finding: "Intel VT-x available (vmx); no KVM module loaded"},
		{name: "AMD, no module list", cpuinfo: amd, kernel: "6.8.0-45-generic", vbox: "oracle-7.1.4.txt", status: StatusOK,
			finding: "AMD-V available (svm)"},
		{name: "VM without nested virtualization", cpuinfo: vm, modules: noKVM, kernel: "6.1.0-28-amd64", vbox: "oracle-7.2.6.txt",
			status: StatusFail, finding: "itself a VM without nested virtualization", fix: "--provider docker"},
		{name: "VT-x off in firmware", cpuinfo: off, modules: noKVM, kernel: "6.1.0-28-amd64", vbox: "oracle-7.2.6.txt",
			status: StatusFail, finding: "lack vmx and svm", fix: "firmware (BIOS/UEFI)"},
		{name: "kvm_intel before 6.12 holds VT-x only for its guests", cpuinfo: intel, modules: kvmIntel, kernel: "6.1.0-28-amd64",
			vbox: "oracle-7.1.4.txt", status: StatusWarn, finding: "while a KVM guest (libvirt, QEMU) runs",
			fix: "`sudo modprobe -r kvm_intel kvm`"},
		{name: "kvm_intel on 6.12 with VirtualBox 7.1", cpuinfo: intel, modules: kvmIntel, kernel: "6.12.9-amd64", virtAtLoad: "Y",
			vbox: "oracle-7.1.4.txt", status: StatusFail,
			finding: "kvm_intel is loaded and kernel 6.12.9 lets KVM take VT-x/AMD-V at load: VirtualBox 7.1.4 fails with VERR_VMX_IN_VMX_ROOT_MODE",
			fix:     "`options kvm enable_virt_at_load=0` in /etc/modprobe.d/ (or kvm.enable_virt_at_load=0 on the kernel command line) and reboot; or unload it: `sudo modprobe -r kvm_intel kvm`"},
		{name: "kvm_amd on 6.14, parameter unreadable", cpuinfo: amd, modules: kvmAMD, kernel: "6.14.0-24-generic",
			vbox: "oracle-7.2.6.txt", status: StatusFail, finding: "VERR_SVM_IN_USE", fix: "`sudo modprobe -r kvm_amd kvm`"},
		{name: "kvm_amd idle with enable_virt_at_load=0 before 7.2.10", cpuinfo: amd, modules: kvmAMD, kernel: "6.12.9-amd64",
			virtAtLoad: "N", vbox: "oracle-7.2.6.txt", status: StatusOK, finding: "kvm_amd is loaded with kvm.enable_virt_at_load=0"},
		{name: "VirtualBox 7.2.10 with enable_virt_at_load=0", cpuinfo: amd, modules: kvmAMD, kernel: "6.17.1", virtAtLoad: "N",
			vbox: "oracle-7.2.10.txt", status: StatusFail, finding: "VERR_SVM_HOST_SVME_NOT_ENABLED",
			fix: "remove `options kvm enable_virt_at_load=0` from /etc/modprobe.d (the default is 1)"},
		{name: "VirtualBox 7.2.10 with enable_virt_at_load=1", cpuinfo: amd, modules: kvmAMD, kernel: "6.17.1", virtAtLoad: "Y",
			vbox: "oracle-7.2.10.txt", status: StatusOK, finding: "as VirtualBox 7.2.10 expects"},
		{name: "KVM built into the kernel", cpuinfo: intel, builtin: "kvm_intel", kernel: "6.18.44-fc-v857", virtAtLoad: "Y",
			vbox: "oracle-7.1.4.txt", status: StatusFail, finding: "VERR_VMX_IN_VMX_ROOT_MODE",
			fix: "boot with kvm.enable_virt_at_load=0 on the kernel command line", notFix: "modprobe"},
		{name: "KVM loaded, VirtualBox missing", cpuinfo: intel, modules: kvmIntel, kernel: "6.12.9-amd64", virtAtLoad: "Y",
			status: StatusFail, finding: ": VirtualBox fails with VERR_VMX_IN_VMX_ROOT_MODE"},
		{name: "arm64 Linux", arch: "arm64", cpuinfo: "", modules: noKVM, kernel: "6.8.0", vbox: "oracle-7.2.6.txt",
			status: StatusOK, finding: "not an x86 host"},
		{name: "cpuinfo unreadable", modules: noKVM, kernel: "6.8.0", vbox: "oracle-7.2.6.txt", status: StatusWarn,
			finding: "cannot read /proc/cpuinfo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := healthyLinux(t)
			if tt.arch != "" {
				h.arch = tt.arch
			}
			h.files = map[string]string{"/proc/sys/kernel/osrelease": tt.kernel + "\n"}
			if tt.cpuinfo != "" {
				h.files["/proc/cpuinfo"] = td(t, "proc/"+tt.cpuinfo)
			}
			if tt.modules != "" {
				h.files["/proc/modules"] = td(t, "proc/"+tt.modules)
				for _, line := range strings.Split(h.files["/proc/modules"], "\n") {
					if name, _, _ := strings.Cut(line, " "); name != "" {
						h.dirs["/sys/module/"+name] = []string{"parameters", "refcnt"}
					}
				}
			}
			if tt.builtin != "" {
				h.dirs["/sys/module/"+tt.builtin] = []string{"parameters"}
			}
			if tt.virtAtLoad != "" {
				h.files["/sys/module/kvm/parameters/enable_virt_at_load"] = tt.virtAtLoad + "\n"
			}
			setTool(t, h, "VBoxManage", "vboxmanage-version/", tt.vbox)
			r := runCheck(t, h, haLab(), "virtualization")
			expect(t, r, tt.status, []string{tt.finding}, []string{tt.fix})
			if tt.notFix != "" && strings.Contains(r.Fix, tt.notFix) {
				t.Errorf("fix %q should not mention %q", r.Fix, tt.notFix)
			}
		})
	}
}

func TestCheckVirtualizationMacAndWindows(t *testing.T) {
	const macCmd = "sysctl -n kern.hv_support"
	const winCmd = "powershell -NoProfile -NonInteractive -Command (Get-CimInstance Win32_ComputerSystem).HypervisorPresent; " +
		"(Get-CimInstance Win32_Processor | Select-Object -First 1).VirtualizationFirmwareEnabled"
	tests := []struct {
		name, os, cmd string
		result        fakeCmd
		status        Status
		finding, fix  string
	}{
		{"Mac with hv_support", "darwin", macCmd, fakeCmd{out: Output{Stdout: "1\n"}}, StatusOK, "kern.hv_support=1", ""},
		{"Mac without", "darwin", macCmd, fakeCmd{out: Output{Stdout: "0\n"}}, StatusFail, "kern.hv_support is 0", "--provider docker"},
		{"Mac sysctl fails", "darwin", macCmd, fakeCmd{err: errors.New("exit status 1")}, StatusWarn, "cannot read kern.hv_support", "sysctl"},
		{"Windows clean", "windows", winCmd, fakeCmd{out: Output{Stdout: "False\r\nTrue\r\n"}}, StatusOK, "Hyper-V not running", ""},
		{"Windows with Hyper-V", "windows", winCmd, fakeCmd{out: Output{Stdout: "True\r\nFalse\r\n"}}, StatusWarn,
			"Hyper-V is running", "bcdedit /set hypervisorlaunchtype off"},
		{"Windows VT-x off", "windows", winCmd, fakeCmd{out: Output{Stdout: "False\r\nFalse\r\n"}}, StatusFail,
			"disabled in the firmware", "BIOS/UEFI"},
		{"Windows without PowerShell", "windows", "", fakeCmd{}, StatusWarn, "cannot ask Windows", "Hyper-V is off"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := healthyLinux(t)
			h.os = tt.os
			if tt.cmd != "" {
				h.cmds[tt.cmd] = tt.result
			}
			expect(t, runCheck(t, h, haLab(), "virtualization"), tt.status, []string{tt.finding}, []string{tt.fix})
		})
	}
}
