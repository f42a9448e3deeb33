// Package config is what a lab is: the Spec and its defaults, the sources
// that change it (mesoslab.yaml, MESOSLAB_* variables, flags), every check
// that it is valid, and the Plan derived from it (nodes, quorum, ZooKeeper
// strings, memory). It is pure data; of mesoslab it imports only lab/stack,
// for the services' port table, so the operations in package lab and the
// commands read it alike.
package config

import "go.yaml.in/yaml/v3"

// Spec is a lab as the user describes it. Defaults reproduce the reference
// lab; mesoslab.yaml, MESOSLAB_* variables and flags change it in that order.
// Field tags are the configuration keys.
type Spec struct {
	// Name of the lab; VMs are named mesoslab-NAME-NODE.
	Name string `yaml:"name" json:"name"`
	// Provider is "virtualbox" (VMs) or "docker" (the container lab).
	Provider string `yaml:"provider" json:"provider"`
	// Box is a box name from the registry, a box URL, or a local .box file.
	Box string `yaml:"box" json:"box"`
	// BoxVersion pins the box; empty takes the newest.
	BoxVersion string `yaml:"box_version" json:"box_version"`
	// DockerImage is the node image of the container lab.
	DockerImage string `yaml:"docker_image" json:"docker_image"`
	// Masters must be odd: an even ensemble tolerates no more failures
	// than the odd one below it.
	Masters int `yaml:"masters" json:"masters"`
	Agents  int `yaml:"agents" json:"agents"`
	// MemoryMB and CPUs are per node; Nodes may override them.
	MemoryMB int `yaml:"memory" json:"memory"`
	CPUs     int `yaml:"cpus" json:"cpus"`
	// Subnet of the private network; masters take .11 up, agents .21 up.
	Subnet string `yaml:"subnet" json:"subnet"`
	// SSHPortBase: node i (masters first) forwards SSH from 127.0.0.1:SSHPortBase+1+i.
	SSHPortBase int `yaml:"ssh_port_base" json:"ssh_port_base"`
	// Nodes overrides address, memory, CPUs or SSH port of single nodes.
	Nodes      []NodeOverride `yaml:"nodes" json:"nodes,omitempty"`
	Components Components     `yaml:"components" json:"components"`
	Sources    Sources        `yaml:"sources" json:"sources"`
}

// NodeOverride changes one node, chosen by Name (master1, agent2, ...).
// Zero values keep the lab-wide setting.
type NodeOverride struct {
	Name     string `yaml:"name" json:"name"`
	IP       string `yaml:"ip" json:"ip,omitempty"`
	MemoryMB int    `yaml:"memory" json:"memory,omitempty"`
	CPUs     int    `yaml:"cpus" json:"cpus,omitempty"`
	SSHPort  int    `yaml:"ssh_port" json:"ssh_port,omitempty"`
}

// Components switches the services of the lab on and off. A lab with only
// ZooKeeper is valid; Mesos needs ZooKeeper, and the frameworks need Mesos.
type Components struct {
	ZooKeeper bool `yaml:"zookeeper" json:"zookeeper"`
	Mesos     bool `yaml:"mesos" json:"mesos"`
	Marathon  bool `yaml:"marathon" json:"marathon"`
	Chronos   bool `yaml:"chronos" json:"chronos"`
	MesosDNS  bool `yaml:"mesos_dns" json:"mesos_dns"`
}

// Sources says where every component installs from, so a lab can follow a
// mirror or a newer release without a new mesoslab.
type Sources struct {
	Mesos     AptSource      `yaml:"mesos" json:"mesos"`
	ZooKeeper PackageSource  `yaml:"zookeeper" json:"zookeeper"`
	Docker    DockerSource   `yaml:"docker" json:"docker"`
	Marathon  ImageSource    `yaml:"marathon" json:"marathon"`
	Chronos   ImageSource    `yaml:"chronos" json:"chronos"`
	MesosDNS  MesosDNSSource `yaml:"mesos_dns" json:"mesos_dns"`
	// Demo is the image `mesoslab demo --docker` runs on the agents.
	Demo ImageSource `yaml:"demo" json:"demo"`
}

// AptSource is a package from a third-party apt repository.
type AptSource struct {
	// Repo is the apt source line's URI part: "URL SUITE COMPONENT".
	Repo string `yaml:"repo" json:"repo"`
	// KeyURL is fetched at provision time: the repository rotates its key.
	KeyURL  string `yaml:"key_url" json:"key_url"`
	Package string `yaml:"package" json:"package"`
	// Version pins the package; empty installs the newest.
	Version string `yaml:"version" json:"version"`
}

// PackageSource is a package from the box's own distribution.
type PackageSource struct {
	Package string `yaml:"package" json:"package"`
	Version string `yaml:"version" json:"version"`
}

// DockerSource is the Docker engine's package, and an optional registry
// mirror every Docker node pulls through.
type DockerSource struct {
	Package string `yaml:"package" json:"package"`
	Version string `yaml:"version" json:"version"`
	// Mirror is a registry mirror's URL, written to each Docker node's
	// /etc/docker/daemon.json as registry-mirrors: a workshop's nodes then
	// pull Docker Hub images through it instead of each from Docker Hub.
	Mirror string `yaml:"mirror" json:"mirror,omitempty"`
}

// ImageSource is a container image run under systemd on the masters.
type ImageSource struct {
	Image string `yaml:"image" json:"image"`
}

// MesosDNSSource is where Mesos-DNS comes from: a package of the
// sources.mesos repository (AVENTER's maintained fork, the default), or a
// release binary downloaded from URL. Exactly one of Package and URL is
// set; validation says so when both or neither are.
type MesosDNSSource struct {
	// Package is the deb in the sources.mesos repository; it installs
	// /usr/bin/mesos-dns.
	Package string `yaml:"package" json:"package,omitempty"`
	// Version pins the package (empty installs the newest), or names the
	// release that URL downloads (required with URL).
	Version string `yaml:"version" json:"version"`
	// URL may contain {version} and {arch}, filled in at provision time; it
	// installs /usr/local/bin/mesos-dns.
	URL string `yaml:"url" json:"url,omitempty"`
}

// UnmarshalYAML decodes sources.mesos_dns over the source so far. A mapping
// that names url but not package switches to the release binary, and one
// that names package but not url to the package: `url` and `version` alone
// are enough, and the default package does not linger beside them.
func (m *MesosDNSSource) UnmarshalYAML(n *yaml.Node) error {
	type plain MesosDNSSource // without this method
	p := plain(*m)
	if err := n.Decode(&p); err != nil {
		return err
	}
	named := map[string]bool{}
	for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
		named[n.Content[i].Value] = true
	}
	switch {
	case named["url"] && !named["package"]:
		p.Package = ""
	case named["package"] && !named["url"]:
		p.URL = ""
	}
	*m = MesosDNSSource(p)
	return nil
}
