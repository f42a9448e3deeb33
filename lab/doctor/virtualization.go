package doctor

import (
	"context"
	"fmt"
	"strings"
)

// checkVirtualization asks whether VirtualBox can get hardware
// virtualization: present and enabled, and not held by another hypervisor
// (KVM on Linux, Hyper-V on Windows).
func checkVirtualization(ctx context.Context, p *probe, lab Lab) finding {
	switch p.h.OS() {
	case "linux":
		hw := cpuVirtualization(ctx, p.h)
		if hw.Status == StatusFail {
			return hw
		}
		k := kvmConflict(ctx, p)
		if hw.Status == StatusOK && k.Status == StatusOK {
			return ok(hw.Finding + "; " + k.Finding)
		}
		return worst(k, hw)
	case "darwin":
		return macVirtualization(ctx, p.h)
	case "windows":
		return windowsVirtualization(ctx, p.h)
	}
	return finding{StatusWarn, "cannot tell whether " + p.h.OS() + " offers hardware virtualization",
		"make sure VT-x/AMD-V is enabled in the firmware settings"}
}

// cpuVirtualization reads the vmx (Intel VT-x) and svm (AMD-V) CPU flags.
// The kernel hides them when the firmware disabled them, and a VM shows them
// only with nested virtualization.
func cpuVirtualization(ctx context.Context, h Host) finding {
	if h.Arch() != "amd64" && h.Arch() != "386" {
		return ok("not an x86 host: no VT-x/AMD-V flags to check")
	}
	b, err := h.ReadFile(ctx, "/proc/cpuinfo")
	if err != nil {
		return finding{StatusWarn, "cannot read /proc/cpuinfo: " + err.Error(),
			"make sure VT-x/AMD-V is enabled in the firmware settings"}
	}
	flags := cpuFlags(string(b))
	switch {
	case flags["vmx"]:
		return ok("Intel VT-x available (vmx)")
	case flags["svm"]:
		return ok("AMD-V available (svm)")
	case flags["hypervisor"]:
		return finding{StatusFail, "no VT-x/AMD-V: this host is itself a VM without nested virtualization (no vmx/svm flag)",
			"enable nested virtualization for this VM in its hypervisor, or run the container lab with --provider docker"}
	}
	return finding{StatusFail, "no VT-x/AMD-V: the CPU flags lack vmx and svm",
		"enable Intel VT-x / AMD SVM in the firmware (BIOS/UEFI) settings and reboot"}
}

// cpuFlags collects the words of the "flags" lines of /proc/cpuinfo.
func cpuFlags(cpuinfo string) map[string]bool {
	flags := map[string]bool{}
	for _, line := range strings.Split(cpuinfo, "\n") {
		name, value, found := strings.Cut(line, ":")
		if !found || strings.TrimSpace(name) != "flags" {
			continue
		}
		for _, f := range strings.Fields(value) {
			flags[f] = true
		}
	}
	return flags
}

// macVirtualization reads kern.hv_support, which is 1 when the CPU and the
// OS let a hypervisor run.
func macVirtualization(ctx context.Context, h Host) finding {
	out, err := h.Run(ctx, Command{Name: "sysctl", Args: []string{"-n", "kern.hv_support"}, Timeout: commandTimeout})
	if err != nil {
		return finding{StatusWarn, fmt.Sprintf("cannot read kern.hv_support: %v", err),
			"check that this Mac supports virtualization (`sysctl kern.hv_support` should print 1)"}
	}
	if strings.TrimSpace(out.Stdout) != "1" {
		return finding{StatusFail, "kern.hv_support is " + strings.TrimSpace(out.Stdout) + ": this Mac offers no hardware virtualization",
			"run the lab on a Mac with virtualization support (or inside a VM with nested virtualization enabled), or use --provider docker"}
	}
	return ok("hardware virtualization available (kern.hv_support=1)")
}

// windowsVirtualization is best effort: a running Hyper-V (also behind WSL2,
// VBS or Credential Guard) pushes VirtualBox into the slow NEM mode, and
// firmware-disabled VT-x stops it.
func windowsVirtualization(ctx context.Context, h Host) finding {
	script := "(Get-CimInstance Win32_ComputerSystem).HypervisorPresent; " +
		"(Get-CimInstance Win32_Processor | Select-Object -First 1).VirtualizationFirmwareEnabled"
	out, err := h.Run(ctx, Command{Name: "powershell", Args: []string{"-NoProfile", "-NonInteractive", "-Command", script},
		Timeout: commandTimeout})
	lines := strings.Fields(out.Stdout)
	if err != nil || len(lines) < 2 {
		return finding{StatusWarn, "cannot ask Windows about Hyper-V and VT-x: PowerShell gave no answer",
			"make sure VT-x/AMD-V is enabled in the firmware and Hyper-V is off"}
	}
	hyperV, firmware := strings.EqualFold(lines[0], "True"), strings.EqualFold(lines[1], "True")
	switch {
	case hyperV:
		return finding{StatusWarn, "Hyper-V is running: VirtualBox falls back to its slow NEM mode (or fails with VERR_NEM_*)",
			"turn Hyper-V off: `bcdedit /set hypervisorlaunchtype off`, disable 'Virtual Machine Platform' and 'Windows Hypervisor Platform' (WSL2 uses them), then reboot"}
	case !firmware:
		return finding{StatusFail, "VT-x/AMD-V is disabled in the firmware",
			"enable Intel VT-x / AMD SVM in the firmware (BIOS/UEFI) settings and reboot"}
	}
	return ok("VT-x/AMD-V enabled and Hyper-V not running")
}
