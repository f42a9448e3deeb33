package config

// Defaults of the reference lab: three masters and three agents of 2.5 GB on
// VirtualBox's default host-only network.
const (
	DefaultName        = "default"
	DefaultProvider    = "virtualbox"
	DefaultBox         = "bento/debian-12"
	DefaultDockerImage = "mesoslab/node:debian-12"
	DefaultMasters     = 3
	DefaultAgents      = 3
	DefaultMemoryMB    = 2560
	DefaultCPUs        = 2
	DefaultSubnet      = "192.168.56.0/24"
	DefaultSSHPortBase = 2300

	// firstMasterHost and firstAgentHost are host numbers inside the subnet.
	firstMasterHost = 11
	firstAgentHost  = 21
)

// Default returns the reference lab's spec. Each call returns a fresh value.
func Default() Spec {
	return Spec{
		Name:        DefaultName,
		Provider:    DefaultProvider,
		Box:         DefaultBox,
		DockerImage: DefaultDockerImage,
		Masters:     DefaultMasters,
		Agents:      DefaultAgents,
		MemoryMB:    DefaultMemoryMB,
		CPUs:        DefaultCPUs,
		Subnet:      DefaultSubnet,
		SSHPortBase: DefaultSSHPortBase,
		Components: Components{
			ZooKeeper: true, Mesos: true, Marathon: true, Chronos: true, MesosDNS: true,
		},
		Sources: DefaultSources(),
	}
}

// DefaultSources are the install sources that still work for a Debian 12
// box: Mesos from AVENTER's maintained builds (Apache Mesos is retired),
// Debian's own ZooKeeper and Docker (Docker 20.10 predates the API changes
// that break Mesos 1.11's Docker containerizer), the last published
// Marathon and Chronos images, and Mesos-DNS from AVENTER's repository.
func DefaultSources() Sources {
	return Sources{
		// No version: the suite's newest. Validation refuses a pin, and
		// provisioning an install, of an aventer-mesos older than
		// 1.11.0-0.7.1, the first build with the right Mesos paths on
		// Debian 12, naming sources.mesos.version and sources.mesos.repo.
		Mesos: AptSource{
			Repo:    "http://rpm.aventer.biz/Debian/ bookworm main",
			KeyURL:  "https://www.aventer.biz/assets/support_aventer.asc",
			Package: "aventer-mesos",
		},
		ZooKeeper: PackageSource{Package: "zookeeperd"},
		Docker:    DockerSource{Package: "docker.io"},
		Marathon:  ImageSource{Image: "mesosphere/marathon:v1.11.24"},
		Chronos:   ImageSource{Image: "mesosphere/chronos:v3.0.2"},
		Demo:      ImageSource{Image: "busybox:1.36"},
		// AVENTER's fork of Mesos-DNS, from the Mesos repository: it polls
		// /master/state, which Mesos 1.11 serves. Unpinned, since the
		// repository's index may list only its newest build, and every one
		// of the fork's builds is newer than 0.7.
		MesosDNS: MesosDNSSource{Package: "mesos-dns"},
	}
}

// MesosDNSReleaseURL and MesosDNSReleaseVersion are the alternative to the
// package, for sources.mesos_dns.url and .version: the newest upstream
// release, which polls /master/state as Mesos 1.8 and later need (0.6.0
// does not). `mesoslab init` shows them, commented out.
const (
	MesosDNSReleaseURL     = "https://github.com/mesosphere/mesos-dns/releases/download/v{version}/mesos-dns-v{version}-linux-{arch}"
	MesosDNSReleaseVersion = "0.7.0-rc2"
)
