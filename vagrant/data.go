// Package vagrant is mesoslab's backend over the vagrant command: it renders
// the lab's Vagrantfile and drives `vagrant up`, `status`, `ssh-config`,
// `halt` and `destroy` for one node at a time.
//
// The package is a leaf: it knows Vagrant, not labs. Package lab turns its
// plan into a Data value and calls the Driver interface.
package vagrant

// Providers mesoslab renders a provider block for.
const (
	ProviderVirtualBox = "virtualbox"
	ProviderDocker     = "docker"
)

// Data is everything the Vagrantfile template needs, already derived: the
// template holds no logic beyond choosing the provider block.
type Data struct {
	// Lab is the lab's name; VM and container names are mesoslab-LAB-NODE.
	Lab string
	// Provider is ProviderVirtualBox or ProviderDocker.
	Provider string
	// Box is the box name for VirtualBox; BoxURL, when set, is where
	// Vagrant fetches it (a URL or a file:// URL of a local .box file).
	Box, BoxVersion, BoxURL string
	// DockerImage is the node image for the docker provider.
	DockerImage string
	// Netmask of the private network when it is not a /24, which both
	// providers assume: dotted for VirtualBox ("255.255.254.0"), a prefix
	// length for docker ("23"), as each provider reads it.
	Netmask string
	// Nodes in the order Vagrant lists them: masters, then agents.
	Nodes []Node
}

// Node is one machine of the lab.
type Node struct {
	Name     string
	Role     string // "master" or "agent", for the comment above the node
	IP       string // static private-network address
	SSHPort  int    // forwarded to the guest's port 22 on 127.0.0.1
	MemoryMB int
	CPUs     int
}
