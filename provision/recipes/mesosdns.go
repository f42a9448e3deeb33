package recipes

import (
	"time"

	"github.com/mesoslab/mesoslab/provision"
)

// mesosDNSUnit runs Mesos-DNS as its own user; the ambient capability lets
// it bind port 53 without root.
const mesosDNSUnit = `# Written by mesoslab: Mesos-DNS answers *.mesos on the node's private address.
[Unit]
Description=Mesos-DNS (mesoslab)
After=network-online.target
Wants=network-online.target

[Service]
User=mesos-dns
ExecStart=/usr/local/bin/mesos-dns -config=/etc/mesos-dns/config.json
AmbientCapabilities=CAP_NET_BIND_SERVICE
CapabilityBoundingSet=CAP_NET_BIND_SERVICE
NoNewPrivileges=true
Restart=always
RestartSec=5

[Install]
WantedBy=multi-user.target
`

// MesosDNS returns the steps of Mesos-DNS on one master, in order: a
// system user, the release binary from sources.mesos_dns (version and URL;
// the upstream releases are amd64 only, so elsewhere the step fails and
// says which builds exist), /etc/mesos-dns/config.json (ZooKeeper, the
// masters, domain mesos, port 53 on the private address, HTTP on 8123, the
// node's own upstream resolver), a systemd unit, the unit running, and
// last a wait for its HTTP API.
//
// A node that is not a master gets no steps.
func MesosDNS(c Cluster, n Node) []provision.Step {
	if n.Role != RoleMaster {
		return nil
	}
	bin := &mesosDNSBinary{
		version: c.Sources.MesosDNSVersion, url: c.Sources.MesosDNSURL,
		bin: "/usr/local/bin/mesos-dns", marker: "/var/lib/mesoslab/mesos-dns.url", owner: "root:root",
	}
	cfg := &mesosDNSConfigStep{c: c, n: n, path: "/etc/mesos-dns/config.json", owner: "root:root", paths: defaultResolvPaths()}
	unit := provision.File(provision.FileSpec{
		Path: "/etc/systemd/system/mesos-dns.service", Content: []byte(mesosDNSUnit), Mode: 0o644, Owner: "root:root",
	})
	return []provision.Step{
		provision.Package(provision.PackageSpec{Names: []string{"ca-certificates", "curl"}}),
		provision.Shell(provision.ShellSpec{
			Name:  "user mesos-dns",
			Check: "id -u mesos-dns >/dev/null 2>&1",
			Apply: "useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin mesos-dns",
		}),
		bin, cfg, unit,
		provision.Service(provision.ServiceSpec{Name: "mesos-dns", Enabled: true, Running: true, RestartOn: []provision.Step{bin, cfg, unit}}),
		provision.Wait(provision.WaitSpec{
			Name:  "Mesos-DNS HTTP API on " + n.IP,
			Probe: provision.HTTPFromNode("http://"+n.IP+":8123/v1/version", 200), Timeout: 2 * time.Minute,
		}),
	}
}
