package doctor

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/go-version"
)

// kvmFacts is what the Linux host says about KVM.
type kvmFacts struct {
	// Vendor is the KVM vendor module present: kvm_intel, kvm_amd or "".
	Vendor string
	// Builtin is true when the vendor module is compiled into the kernel
	// (in /sys/module but not in /proc/modules): it cannot be unloaded.
	Builtin bool
	// Kernel is the running kernel's X.Y.Z; nil when unreadable.
	Kernel *version.Version
	// VirtAtLoad is kvm's enable_virt_at_load parameter ("Y", "N"), or ""
	// when the parameter does not exist (kernels before 6.12) or is unreadable.
	VirtAtLoad string
}

var kernelRelease = regexp.MustCompile(`^(\d+\.\d+(?:\.\d+)?)`)

func readKVMFacts(ctx context.Context, h Host) kvmFacts {
	var f kvmFacts
	loaded := map[string]bool{}
	if b, err := h.ReadFile(ctx, "/proc/modules"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			name, _, _ := strings.Cut(line, " ")
			loaded[name] = true
		}
	}
	for _, vendor := range []string{"kvm_intel", "kvm_amd"} {
		_, err := h.ReadDir(ctx, "/sys/module/"+vendor)
		if loaded[vendor] || err == nil {
			f.Vendor, f.Builtin = vendor, !loaded[vendor]
		}
	}
	if b, err := h.ReadFile(ctx, "/proc/sys/kernel/osrelease"); err == nil {
		if m := kernelRelease.FindString(strings.TrimSpace(string(b))); m != "" {
			f.Kernel, _ = version.NewVersion(m)
		}
	}
	if b, err := h.ReadFile(ctx, "/sys/module/kvm/parameters/enable_virt_at_load"); err == nil {
		switch strings.TrimSpace(string(b)) {
		case "Y", "1":
			f.VirtAtLoad = "Y"
		case "N", "0":
			f.VirtAtLoad = "N"
		}
	}
	return f
}

// kvmConflict decides whether loaded KVM modules keep VirtualBox from
// starting VMs. Before kernel 6.12 KVM holds VT-x/AMD-V only while a KVM
// guest runs. From 6.12 on KVM enables it when the module loads (parameter
// kvm.enable_virt_at_load, default 1), and VirtualBox then fails with
// VERR_VMX_IN_VMX_ROOT_MODE / VERR_SVM_IN_USE unless the parameter is 0.
// VirtualBox 7.2.10 turned that around: with the parameter at 0 VMs fail
// (VERR_SVM_HOST_SVME_NOT_ENABLED), and KVM must be absent or left at 1.
func kvmConflict(ctx context.Context, p *probe) finding {
	f := readKVMFacts(ctx, p.h)
	if f.Vendor == "" {
		return ok("no KVM module loaded")
	}
	present := f.Vendor + " is loaded"
	if f.Builtin {
		present = f.Vendor + " is built into the kernel"
	}
	code := "VERR_VMX_IN_VMX_ROOT_MODE"
	if f.Vendor == "kvm_amd" {
		code = "VERR_SVM_IN_USE"
	}
	unload := fmt.Sprintf("unload it: `sudo modprobe -r %s kvm`", f.Vendor)
	keepIdle := "keep it idle with `options kvm enable_virt_at_load=0` in /etc/modprobe.d/ (or kvm.enable_virt_at_load=0 on the kernel command line) and reboot"
	dropZero := "remove `options kvm enable_virt_at_load=0` from /etc/modprobe.d (the default is 1) and reload KVM"
	if f.Builtin {
		unload = "" // built in: cannot be unloaded
		keepIdle = "boot with kvm.enable_virt_at_load=0 on the kernel command line"
		dropZero = "remove kvm.enable_virt_at_load=0 from the kernel command line and reboot"
	}
	atLoad := f.VirtAtLoad
	if atLoad == "" && f.Kernel != nil && atLeast(f.Kernel, "6.12") {
		atLoad = "Y" // the kernel's default
	}
	if atLoad == "" {
		return finding{StatusWarn,
			fmt.Sprintf("%s: VirtualBox fails with %s while a KVM guest (libvirt, QEMU) runs", present, code),
			orElse("stop KVM guests (libvirt, QEMU) before starting the lab", unload)}
	}
	kernel := "this kernel"
	if f.Kernel != nil {
		kernel = "kernel " + f.Kernel.String()
	}
	vb, _ := p.virtualBox(ctx)
	newVBox := vb.Version != nil && atLeast(vb.Version, "7.2.10")
	switch {
	case newVBox && atLoad == "N":
		return finding{StatusFail,
			fmt.Sprintf("%s with kvm.enable_virt_at_load=0: VirtualBox %s then fails to start VMs (VERR_SVM_HOST_SVME_NOT_ENABLED)", present, vb.Version),
			orElse(dropZero, unload)}
	case newVBox:
		return ok(fmt.Sprintf("%s with kvm.enable_virt_at_load=1, as VirtualBox %s expects", present, vb.Version))
	case atLoad == "N":
		return ok(fmt.Sprintf("%s with kvm.enable_virt_at_load=0: KVM leaves VT-x/AMD-V to VirtualBox", present))
	}
	vbox := "VirtualBox"
	if vb.Version != nil {
		vbox += " " + vb.Version.String()
	}
	return finding{StatusFail,
		fmt.Sprintf("%s and %s lets KVM take VT-x/AMD-V at load: %s fails with %s", present, kernel, vbox, code),
		orElse(keepIdle, unload)}
}

// orElse joins two fixes; an empty alternative is left out.
func orElse(fix, alternative string) string {
	if alternative == "" {
		return fix
	}
	return fix + "; or " + alternative
}
