package recipes

import (
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/provision"
)

// Where each source puts the binary: the package's own path, and a path of
// mesoslab's for the download, so the two never overwrite each other.
const (
	mesosDNSPackageBin = "/usr/bin/mesos-dns"
	mesosDNSReleaseBin = "/usr/local/bin/mesos-dns"
)

// mesosDNSUnit runs Mesos-DNS at bin as mesoslab's own user; the ambient
// capability lets it bind port 53 without root. It lives in
// /etc/systemd/system, so it also overrides the unit of AVENTER's package
// (/usr/lib/systemd/system/mesos-dns.service, whose User=av_mesos_dns the
// package does not create).
func mesosDNSUnit(bin string) string {
	return `# Written by mesoslab: Mesos-DNS answers *.mesos on the node's private address.
[Unit]
Description=Mesos-DNS (mesoslab)
After=network-online.target
Wants=network-online.target

[Service]
User=mesos-dns
ExecStart=` + bin + ` -config=/etc/mesos-dns/config.json
AmbientCapabilities=CAP_NET_BIND_SERVICE
CapabilityBoundingSet=CAP_NET_BIND_SERVICE
NoNewPrivileges=true
Restart=always
RestartSec=5

[Install]
WantedBy=multi-user.target
`
}

// MesosDNS returns the steps of Mesos-DNS on one master, in order: a
// system user; Mesos-DNS from sources.mesos_dns, either the package from
// the Mesos repository (the mesos-master phase set that repository up on
// the same masters, so its steps only confirm it and make sure apt knows
// the package) or the release binary (version and URL; the upstream
// releases are amd64 only, so elsewhere the step fails and says which
// builds exist); /etc/mesos-dns/config.json (ZooKeeper, the masters,
// domain mesos, port 53 and HTTP on 8123 on the private address, the
// node's own upstream resolver); a systemd unit that runs the installed
// binary; the unit running; and last a wait for its HTTP API.
//
// A node that is not a master gets no steps.
func MesosDNS(c Cluster, n Node) []provision.Step {
	if n.Role != RoleMaster {
		return nil
	}
	install, bin := mesosDNSInstall(c)
	cfg := &mesosDNSConfigStep{c: c, n: n, path: "/etc/mesos-dns/config.json", owner: "root:root", paths: defaultResolvPaths()}
	unit := provision.File(provision.FileSpec{
		Path: "/etc/systemd/system/mesos-dns.service", Content: []byte(mesosDNSUnit(bin)), Mode: 0o644, Owner: "root:root",
	})
	steps := append([]provision.Step{provision.Shell(provision.ShellSpec{
		Name:  "user mesos-dns",
		Check: "id -u mesos-dns >/dev/null 2>&1",
		Apply: "useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin mesos-dns",
	})}, install...)
	return append(steps, cfg, unit,
		provision.Service(provision.ServiceSpec{Name: "mesos-dns", Enabled: true, Running: true, RestartOn: []provision.Step{install[len(install)-1], cfg, unit}}),
		provision.Wait(provision.WaitSpec{
			Name:  "Mesos-DNS HTTP API on " + n.IP,
			Probe: provision.HTTPFromNode(stack.BaseURL(n.IP, stack.MesosDNSHTTPPort)+"/v1/version", 200), Timeout: 2 * time.Minute,
		}),
	)
}

// mesosDNSInstall returns the steps that install Mesos-DNS from the lab's
// source, the last of them the one that changes the binary, and where the
// binary is then. Both install curl, which the final wait uses.
func mesosDNSInstall(c Cluster) ([]provision.Step, string) {
	s := c.Sources
	if s.MesosDNSPackage == "" {
		return []provision.Step{
			provision.Package(provision.PackageSpec{Names: []string{"ca-certificates", "curl"}}),
			&mesosDNSBinary{
				version: s.MesosDNSVersion, url: s.MesosDNSURL,
				bin: mesosDNSReleaseBin, marker: "/var/lib/mesoslab/mesos-dns.url", owner: "root:root", cache: c.Cache,
			},
		}, mesosDNSReleaseBin
	}
	spec := mesosRepoSpec(c)
	spec.Package, spec.Version = s.MesosDNSPackage, s.MesosDNSVersion
	spec.PackageKey, spec.VersionKey = "sources.mesos_dns.package", "sources.mesos_dns.version"
	spec.Alternative = "install the release binary instead: set sources.mesos_dns.url and sources.mesos_dns.version " +
		"(0.7.0-rc2 or later; `mesoslab init` shows both) in place of sources.mesos_dns.package"
	name := s.MesosDNSPackage
	if s.MesosDNSVersion != "" {
		name += "=" + s.MesosDNSVersion
	}
	return append(provision.SignedRepo(spec), provision.Package(provision.PackageSpec{Names: []string{name}})), mesosDNSPackageBin
}
