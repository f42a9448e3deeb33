package config

import (
	"bytes"
	"text/template"
)

// initTemplate is the commented mesoslab.yaml that `mesoslab init` writes:
// every key with its default, so a user edits values instead of guessing keys.
var initTemplate = template.Must(template.New("mesoslab.yaml").Parse(`# mesoslab.yaml: the lab "{{.Name}}". Every key is shown with its default.
# Environment variables (MESOSLAB_MASTERS, ...) and flags (--masters, ...) override this file.

# Lab name: names the VMs (mesoslab-NAME-NODE) and the lab directory.
name: {{.Name}}
# virtualbox (VMs) or docker (systemd containers: the container lab).
provider: {{.Provider}}
# A box name, a box URL or a local .box file.
box: {{.Box}}
# Pin a box version; empty takes the newest.
box_version: "{{.BoxVersion}}"
# Node image of the container lab (build it with scripts/build-node-image.sh).
docker_image: {{.DockerImage}}

# Masters run ZooKeeper, mesos-master, Marathon, Chronos and Mesos-DNS.
# Use an odd number: 1, 3 or 5. Two masters cannot form a quorum.
masters: {{.Masters}}
# Agents run Docker and mesos-agent.
agents: {{.Agents}}
# Memory (MB) and vCPUs per node.
memory: {{.MemoryMB}}
cpus: {{.CPUs}}

# Private network. Masters take host .11 up, agents .21 up. VirtualBox allows
# 192.168.56.0/21 unless /etc/vbox/networks.conf says otherwise.
subnet: {{.Subnet}}
# Node i (masters first) forwards SSH from 127.0.0.1:ssh_port_base+1+i.
ssh_port_base: {{.SSHPortBase}}

# Per-node overrides, for example:
#   - name: agent1
#     ip: 192.168.56.30
#     memory: 4096
#     cpus: 4
#     ssh_port: 2400
nodes: []

# Services; a ZooKeeper-only lab is valid. Mesos needs ZooKeeper; Marathon,
# Chronos and Mesos-DNS need Mesos.
components:
  zookeeper: {{.Components.ZooKeeper}}
  mesos: {{.Components.Mesos}}
  marathon: {{.Components.Marathon}}
  chronos: {{.Components.Chronos}}
  mesos_dns: {{.Components.MesosDNS}}

# Where each component installs from; point these at a mirror or a newer release.
sources:
  mesos:
    repo: "{{.Sources.Mesos.Repo}}"
    # The repository rotates its signing key; it is fetched at provision time.
    key_url: {{.Sources.Mesos.KeyURL}}
    package: {{.Sources.Mesos.Package}}
    version: "{{.Sources.Mesos.Version}}"
  zookeeper:
    package: {{.Sources.ZooKeeper.Package}}
    version: "{{.Sources.ZooKeeper.Version}}"
  docker:
    package: {{.Sources.Docker.Package}}
    version: "{{.Sources.Docker.Version}}"
    # A registry mirror (http://HOST:PORT) the Docker nodes pull through,
    # written to their /etc/docker/daemon.json; empty pulls from Docker Hub.
    mirror: "{{.Sources.Docker.Mirror}}"
  marathon:
    image: {{.Sources.Marathon.Image}}
  chronos:
    image: {{.Sources.Chronos.Image}}
  # The image that mesoslab demo --docker runs on the agents.
  demo:
    image: {{.Sources.Demo.Image}}
  # Mesos-DNS before 0.7 cannot read Mesos 1.11: it polls /master/state.json,
  # which Mesos removed in 1.8.
  mesos_dns:
{{- if .Sources.MesosDNS.URL}}
    # The release binary; {version} and {arch} are filled in on the node. For
    # AVENTER's package from the mesos repository, replace url and version with:
    # package: mesos-dns
    url: {{.Sources.MesosDNS.URL}}
    version: "{{.Sources.MesosDNS.Version}}"
{{- else}}
    # AVENTER's package from the mesos repository; version pins it, empty
    # installs the newest.
    package: {{.Sources.MesosDNS.Package}}
    version: "{{.Sources.MesosDNS.Version}}"
    # For the upstream release binary, replace package and version with these
    # ({version} and {arch} are filled in on the node):
    # url: {{.ReleaseURL}}
    # version: "{{.ReleaseVersion}}"
{{- end}}
`))

// InitFile returns the commented mesoslab.yaml for s.
func InitFile(s Spec) ([]byte, error) {
	var buf bytes.Buffer
	data := struct {
		Spec
		ReleaseURL, ReleaseVersion string
	}{s, MesosDNSReleaseURL, MesosDNSReleaseVersion}
	if err := initTemplate.Execute(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
