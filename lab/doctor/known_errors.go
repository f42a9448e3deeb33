package doctor

import (
	"regexp"
	"strings"
)

// KnownError explains a failure text that Vagrant or VBoxManage prints.
type KnownError struct {
	// ID is stable, for scripts and workshop helpers to match on.
	ID string `json:"id"`
	// Explanation says in one line what went wrong.
	Explanation string `json:"explanation"`
	// Fix says what to do.
	Fix string `json:"fix"`
}

var machineReadable = strings.NewReplacer(`\n`, "\n", "%!(VAGRANT_COMMA)", ",")

type knownPattern struct {
	re *regexp.Regexp
	KnownError
}

const (
	fixKVM = "unload KVM (`sudo modprobe -r kvm_intel kvm` or `sudo modprobe -r kvm_amd kvm`); on kernel 6.12 or later with VirtualBox before 7.2.10 " +
		"`options kvm enable_virt_at_load=0` in /etc/modprobe.d/ also works; `mesoslab doctor` says which applies"
	fixHyperV   = "turn Hyper-V off: `bcdedit /set hypervisorlaunchtype off`, disable 'Virtual Machine Platform' and 'Windows Hypervisor Platform', then reboot"
	fixFirmware = "enable Intel VT-x / AMD SVM in the firmware (BIOS/UEFI) settings; inside a VM, enable nested virtualization or use --provider docker"
	fixHostOnly = "use a lab subnet inside 192.168.56.0/21, or list the subnet on a `* <range>` line in /etc/vbox/networks.conf"
	fixMemory   = "start a smaller lab (fewer agents, or --masters 1) or close other programs; `mesoslab doctor` suggests a topology that fits"
)

// knownPatterns is ordered from specific to general: the first match wins,
// and several VirtualBox texts carry more than one code (a NEM failure on a
// host with VT-x disabled names both).
var knownPatterns = []knownPattern{
	{regexp.MustCompile(`(?s)hostonlyif.*E_ACCESSDENIED|E_ACCESSDENIED.*VBoxManageHostonly`), KnownError{"HOSTONLY_ACCESS_DENIED",
		"VirtualBox refused the host-only network address: since 6.1.28 Linux and macOS hosts allow only 192.168.56.0/21 unless /etc/vbox/networks.conf lists more", fixHostOnly}},
	{regexp.MustCompile(`not within the\s+allowed ranges`), KnownError{"HOSTONLY_RANGE",
		"the lab's private network is outside the host-only ranges VirtualBox allows", fixHostOnly}},
	{regexp.MustCompile(`Host-only adapters are no longer supported`), KnownError{"HOSTONLY_ADAPTERS_UNSUPPORTED",
		"VirtualBox 7 on macOS needs host-only networks, which this Vagrant does not create", "install Vagrant 2.3.3 or later"}},
	{regexp.MustCompile(`/dev/vboxnetctl`), KnownError{"VBOX_KEXT_BLOCKED",
		"macOS did not let VirtualBox's kernel extension load", "allow Oracle in System Settings > Privacy & Security, then reboot"}},
	{regexp.MustCompile(`VERR_VMX_IN_VMX_ROOT_MODE`), KnownError{"VBOX_VTX_HELD_BY_KVM",
		"VT-x is held by another hypervisor, usually KVM (kvm_intel)", fixKVM}},
	{regexp.MustCompile(`VERR_SVM_IN_USE`), KnownError{"VBOX_AMDV_HELD_BY_KVM",
		"AMD-V is held by another hypervisor: KVM (kvm_amd) on Linux, Hyper-V or another program on Windows", fixKVM + "; on Windows close other virtualization programs"}},
	{regexp.MustCompile(`VERR_SVM_HOST_SVME_NOT_ENABLED`), KnownError{"VBOX_KVM_VIRT_AT_LOAD",
		"VirtualBox 7.2.10 and later fail this way when KVM is loaded with kvm.enable_virt_at_load=0",
		"remove `options kvm enable_virt_at_load=0` from /etc/modprobe.d (the default is 1) and reload KVM, or unload it: `sudo modprobe -r kvm_amd kvm`"}},
	{regexp.MustCompile(`VERR_VMX_MSR_(ALL_)?VMX_DISABLED|VT-x is disabled|VERR_SVM_DISABLED`), KnownError{"VBOX_VIRT_DISABLED",
		"hardware virtualization is disabled in the firmware", fixFirmware}},
	{regexp.MustCompile(`VERR_VMX_NO_VMX|VERR_SVM_NO_SVM|VERR_VMX_\w+|VERR_SVM_\w+`), KnownError{"VBOX_NO_VIRT",
		"VirtualBox cannot use VT-x/AMD-V: the CPU lacks it, the firmware hides it, or this host is a VM without nested virtualization", fixFirmware}},
	{regexp.MustCompile(`VERR_NEM_\w+|VERR_SUPDRV_NO_RAW_MODE_HYPER_V_ROOT|won't boot a 64bits VM when Hyper-V`), KnownError{"VBOX_HYPERV",
		"Hyper-V (also behind WSL2, VBS or Credential Guard) holds the CPU's virtualization, and VirtualBox could not run beside it", fixHyperV}},
	{regexp.MustCompile(`version of VirtualBox installed\s+that is not supported`), KnownError{"VAGRANT_VBOX_MISMATCH",
		"this Vagrant release does not support the installed VirtualBox",
		"install a Vagrant that supports it (VirtualBox 7.0 needs Vagrant 2.3.2, 7.1 needs 2.4.2, 7.2 needs 2.4.9), or a VirtualBox this Vagrant lists"}},
	{regexp.MustCompile(`vboxdrv kernel module is not loaded|(?i:VirtualBox kernel modules are not loaded)|/dev/vboxdrv does not exist`), KnownError{"VBOX_MODULE",
		"VirtualBox's kernel module is not loaded", "run `sudo /sbin/vboxconfig` (with Secure Boot, sign the vboxdrv modules), or reinstall VirtualBox and reboot"}},
	{regexp.MustCompile(`Vagrant could not detect VirtualBox|"VBoxManage" command or one of its dependencies`), KnownError{"VBOX_NOT_FOUND",
		"Vagrant cannot find VBoxManage", "install VirtualBox, or add the folder holding VBoxManage to PATH (on Windows, log out and in again after installing)"}},
	{regexp.MustCompile(`isn't usable on this system`), KnownError{"PROVIDER_NOT_USABLE",
		"Vagrant says the provider cannot run on this host", "run `mesoslab doctor` and fix what it reports"}},
	{regexp.MustCompile(`could not be found or\s+could not be accessed in the remote\s+catalog`), KnownError{"BOX_NOT_FOUND",
		"Vagrant could not download the box: wrong name, no network, or the catalogue refused (see the Error: line)",
		"check the network and the box name; once online, `vagrant box add <box> --provider virtualbox` downloads it"}},
	{regexp.MustCompile(`The box '[^']*' does not exist`), KnownError{"BOX_MISSING",
		"the box is not in the local box store", "download it with `vagrant box add <box> --provider virtualbox`"}},
	{regexp.MustCompile(`Unable to find image '[^']*' locally`), KnownError{"NODE_IMAGE_MISSING",
		"the container lab's node image is not built on this host (there is no registry to pull it from)", "build it with `scripts/build-node-image.sh`"}},
	{regexp.MustCompile(`Vagrant cannot forward the specified ports|found a port collision`), KnownError{"PORT_COLLISION",
		"a port the lab forwards is already used by another program on this host", "stop that program, or halt the other Vagrant lab that holds the port"}},
	{regexp.MustCompile(`VERR_NO_LOW_MEMORY|VERR_NO_MEMORY|Invalid RAM size|Cannot allocate memory|Out of memory`), KnownError{"NOT_ENOUGH_MEMORY",
		"the host could not give the VM its memory", fixMemory}},
	{regexp.MustCompile(`entered an invalid state while waiting`), KnownError{"VM_BAD_STATE",
		"the VM stopped right after booting: often no usable VT-x/AMD-V, or an amd64 box on an arm64 host", "run `mesoslab doctor`; open VirtualBox's log (VBox.log) of the VM for the reason"}},
	{regexp.MustCompile(`Timed out while waiting for the machine to boot`), KnownError{"BOOT_TIMEOUT",
		"the VM did not answer SSH in time: an overloaded host, a guest stuck at boot, or a network problem", "close other programs and retry; watch the VM in the VirtualBox GUI"}},
}

// MatchKnownError finds the first known failure in Vagrant or VBoxManage
// output. `up` calls it when a machine fails, to print the explanation and
// the fix next to the raw output.
func MatchKnownError(output string) (KnownError, bool) {
	// Machine-readable output (`--machine-readable`) escapes newlines and
	// commas; undo that so one pattern serves both forms.
	output = machineReadable.Replace(output)
	for _, k := range knownPatterns {
		if k.re.MatchString(output) {
			return k.KnownError, true
		}
	}
	return KnownError{}, false
}

// KnownErrors lists the catalogue, in matching order.
func KnownErrors() []KnownError {
	out := make([]KnownError, len(knownPatterns))
	for i, k := range knownPatterns {
		out[i] = k.KnownError
	}
	return out
}
