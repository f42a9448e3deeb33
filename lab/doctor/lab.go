package doctor

import (
	"net/netip"
)

// Providers the checks know.
const (
	ProviderVirtualBox = "virtualbox"
	ProviderDocker     = "docker"
)

// Resource figures the checks use when the Lab leaves them at zero.
const (
	// HostReserveMB is the RAM kept for the host OS, the shell and a browser.
	HostReserveMB = 2048
	// MinMemoryMB is the smallest per-VM memory suggested when RAM is short
	// and Lab.MemoryFloorMB is 0: a master runs ZooKeeper, mesos-master and
	// two JVMs.
	MinMemoryMB = 2048
	// DefaultBoxDiskMB is the unpacked size of a box when Lab.BoxDiskMB is 0.
	DefaultBoxDiskMB = 2048
	// DefaultVMDiskMB is what a VM or container adds to disk when
	// Lab.VMDiskMB is 0: packages, logs and agents' Docker images.
	DefaultVMDiskMB = 3072
)

// Lab is what the checks need to know about the lab about to run. The lab
// package maps its plan onto it; zero values mean "use the default".
type Lab struct {
	// Name is the lab's name, used in findings.
	Name string
	// Provider is ProviderVirtualBox (default) or ProviderDocker.
	Provider string
	// Dir is the lab folder (Vagrantfile and .vagrant/). It may not exist
	// yet: disk space is then read on its nearest existing parent.
	Dir string
	// Box and BoxVersion name the Vagrant box ("" version: any version).
	Box, BoxVersion string
	// BoxArchitectures lists the architectures the box is published for
	// ("amd64", "arm64"), when the lab knows them; nil means unknown.
	BoxArchitectures []string
	// BoxDiskMB is the box's size once unpacked; VirtualBox imports one copy.
	BoxDiskMB int
	// VMDiskMB is what each VM (or container) writes on top of its image.
	VMDiskMB int
	// LinkedClones is true when VMs are linked clones of one imported base,
	// so each VM costs only VMDiskMB instead of BoxDiskMB+VMDiskMB.
	LinkedClones bool
	// DockerImage is the node image of the docker provider.
	DockerImage string
	// Masters and Agents count the machines.
	Masters, Agents int
	// MemoryMB and CPUs are per machine: a VM's size, or a container's
	// limits (`docker run --memory`, `--cpus`). A container reserves
	// nothing: it uses memory up to its limit and shares the host's CPUs.
	MemoryMB, CPUs int
	// MasterMemoryMB and AgentMemoryMB, when set, size the masters and the
	// agents apart, as the container lab does from the services each role
	// runs; zero means MemoryMB.
	MasterMemoryMB, AgentMemoryMB int
	// MemoryFloorMB is the least memory a machine of the lab needs with its
	// components, the smallest a suggestion may offer; 0 means MinMemoryMB.
	MemoryFloorMB int
	// Subnet is the lab's private network.
	Subnet netip.Prefix
	// SSHPorts are the host ports on 127.0.0.1 forwarded to the machines' SSH.
	SSHPorts []int
	// MesosKeyURL is the signing key of the apt repository Mesos installs
	// from (sources.mesos.key_url); "" when no component of the lab uses
	// that repository, and the mesos-key check does not run.
	MesosKeyURL string
	// CacheDir is the lab cache folder ($MESOSLAB_HOME/cache, cache.Dir);
	// "" leaves the cache check out.
	CacheDir string
	// CachePackages are the apt packages the lab's nodes install, as
	// NAME=VERSION with VERSION as sources.*.version pins it: "" for the
	// newest, "1.11*" for apt's glob (aventer-mesos=1.11.0-0.7.1, docker.io=).
	CachePackages []string
	// CacheImages are the container images the lab runs, by reference
	// (sources.marathon.image, sources.chronos.image, sources.demo.image).
	CacheImages []string
	// CacheBinaries are the URLs of programs the nodes download
	// (sources.mesos_dns.url), {version} filled in; {arch} stays, since each
	// node fills in its own.
	CacheBinaries []string
	// CacheKeys are the URLs of the signing keys of the lab's apt
	// repositories (sources.mesos.key_url).
	CacheKeys []string
}

func (l Lab) provider() string {
	if l.Provider == "" {
		return ProviderVirtualBox
	}
	return l.Provider
}

func (l Lab) machines() int { return l.Masters + l.Agents }

func (l Lab) masterMB() int { return orDefault(l.MasterMemoryMB, l.MemoryMB) }

func (l Lab) agentMB() int { return orDefault(l.AgentMemoryMB, l.MemoryMB) }

// sizedByRole is true when masters and agents have their own sizes, which
// no flag changes.
func (l Lab) sizedByRole() bool { return l.MasterMemoryMB > 0 || l.AgentMemoryMB > 0 }

// noun names the lab's machines in findings.
func (l Lab) noun() string {
	if l.provider() == ProviderDocker {
		return "containers"
	}
	return "VMs"
}

func (l Lab) boxDiskMB() int { return orDefault(l.BoxDiskMB, DefaultBoxDiskMB) }

func (l Lab) vmDiskMB() int { return orDefault(l.VMDiskMB, DefaultVMDiskMB) }

func orDefault(v, d int) int {
	if v > 0 {
		return v
	}
	return d
}
