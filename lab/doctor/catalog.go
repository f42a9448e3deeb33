package doctor

import (
	"context"
	"slices"
)

// CheckInfo describes one check for --list-checks.
type CheckInfo struct {
	// ID is the stable id used in results and with Options.Only.
	ID string `json:"id"`
	// Description is one line saying what the check looks at.
	Description string `json:"description"`
	// Providers lists the providers the check runs for.
	Providers []string `json:"providers"`
}

// check is one entry of the catalogue.
type check struct {
	id          string
	description string
	providers   []string // nil: every provider
	run         func(ctx context.Context, p *probe, lab Lab) finding
	// when, if set, says whether the lab needs the check at all (the key
	// check only for labs that install from the Mesos repository).
	when func(Lab) bool
	// hangWhat names what did not answer when the check is cut off by the
	// run's deadline ("`vagrant --version`"); nil names the check.
	hangWhat func(Lab) string
	// hangFix is the advice when the check times out.
	hangFix string
	// advice marks a check whose findings never stop a lab (the cache):
	// a crash or a hang is reported as a warning, not a failure.
	advice bool
}

func (c check) appliesTo(lab Lab) bool {
	return (c.providers == nil || slices.Contains(c.providers, lab.provider())) && (c.when == nil || c.when(lab))
}

// says returns a fixed hangWhat.
func says(what string) func(Lab) string { return func(Lab) string { return what } }

var (
	vboxOnly   = []string{ProviderVirtualBox}
	dockerOnly = []string{ProviderDocker}
)

// checks is the catalogue in report order: resources first, then tools,
// then the host's network, then what the first `up` will download, then
// what the lab cache spares it.
func checks() []check {
	return []check{
		{id: "ram", description: "RAM for the lab's VMs plus a host reserve, against total and available memory", run: checkRAM},
		{id: "cpu", description: "logical CPUs against the vCPUs the lab requests", run: checkCPU},
		{id: "disk", description: "free space in the lab folder for the box and the VMs (linked clones counted)", run: checkDisk},
		{id: "vagrant", description: "Vagrant installed, its version, and whether it supports the installed VirtualBox", run: checkVagrant,
			hangWhat: says("`vagrant --version`"),
			hangFix:  "`vagrant --version` hangs: run it by hand to see what it waits for (a plugin, a lock, the network)"},
		{id: "virtualbox", description: "VBoxManage found and a supported VirtualBox version", providers: vboxOnly, run: checkVirtualBox,
			hangWhat: says("`VBoxManage --version`"),
			hangFix:  "`VBoxManage --version` hangs: quit VirtualBox, end stray VBoxSVC processes, and try again"},
		{id: "virtualization", description: "VT-x/AMD-V available and not held by KVM or Hyper-V", providers: vboxOnly, run: checkVirtualization},
		{id: "host-network", description: "the lab subnet is allowed by VirtualBox and overlaps no host network", run: checkHostNetwork},
		{id: "ports", description: "the forwarded SSH ports on 127.0.0.1 are free or held by this lab", run: checkPorts},
		{id: "arch", description: "on arm64 hosts: VirtualBox 7.1 or later and a box built for arm64", providers: vboxOnly, run: checkArch},
		{id: "box", description: "the Vagrant box is already downloaded", providers: vboxOnly, run: checkBox},
		{id: "docker", description: "the Docker engine answers and its version", providers: dockerOnly, run: checkDocker,
			hangWhat: says("`docker version`"),
			hangFix:  "`docker version` hangs: restart the Docker engine"},
		{id: "node-image", description: "the container lab's node image is present locally", providers: dockerOnly, run: checkNodeImage,
			hangWhat: says("the Docker engine"),
			hangFix:  "`docker image inspect` hangs: restart the Docker engine"},
		{id: "mesos-key", description: "the Mesos apt repository's signing key (sources.mesos.key_url) downloads and has not expired", run: checkMesosKey,
			when:     func(l Lab) bool { return l.MesosKeyURL != "" },
			hangWhat: func(l Lab) string { return "the signing key source " + l.MesosKeyURL },
			hangFix:  keyURLFix},
		{id: "cache", description: "what the lab cache holds (entries of each kind, total size) and whether it has this lab's packages, images, binary and key", run: checkCache,
			when:    func(l Lab) bool { return l.CacheDir != "" },
			hangFix: "reading the lab cache index hangs: check the file system that holds it",
			advice:  true},
	}
}

// Catalog lists every check id with a one-line description, in report order.
func Catalog() []CheckInfo {
	var out []CheckInfo
	for _, c := range checks() {
		ps := c.providers
		if ps == nil {
			ps = []string{ProviderVirtualBox, ProviderDocker}
		}
		out = append(out, CheckInfo{ID: c.id, Description: c.description, Providers: slices.Clone(ps)})
	}
	return out
}
