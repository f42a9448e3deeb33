package lab

import "regexp"

// validateSources checks every install source against a strict pattern: these
// values end up in apt source lines, download URLs and docker run commands.
func validateSources(s Sources) []Problem {
	var ps []Problem
	check := func(key, value string, re *regexp.Regexp, optional bool, fix string) {
		if value == "" && optional {
			return
		}
		if !re.MatchString(value) {
			ps = append(ps, Problem{Key: "sources." + key, Value: value,
				Message: "not allowed here: only plain URLs, names and versions pass", Fix: fix})
		}
	}
	check("mesos.repo", s.Mesos.Repo, aptRepoRe, false, `use "URL SUITE COMPONENT", e.g. "http://mirror.example/Debian/ bookworm main"`)
	check("mesos.key_url", s.Mesos.KeyURL, urlRe, false, "use the https URL of the repository's signing key")
	check("mesos.package", s.Mesos.Package, packageRe, false, "use a Debian package name such as aventer-mesos")
	check("mesos.version", s.Mesos.Version, versionRe, true, "use a Debian version such as 1.11.0-0.9.0, or leave it empty")
	check("zookeeper.package", s.ZooKeeper.Package, packageRe, false, "use a Debian package name such as zookeeperd")
	check("zookeeper.version", s.ZooKeeper.Version, versionRe, true, "use a Debian version, or leave it empty")
	check("docker.package", s.Docker.Package, packageRe, false, "use a Debian package name such as docker.io")
	check("docker.version", s.Docker.Version, versionRe, true, "use a Debian version, or leave it empty")
	check("marathon.image", s.Marathon.Image, imageRe, false, "use an image reference such as mesosphere/marathon:v1.11.24")
	check("chronos.image", s.Chronos.Image, imageRe, false, "use an image reference such as mesosphere/chronos:v3.0.2")
	check("demo.image", s.Demo.Image, imageRe, false, "use an image reference such as busybox:1.36")
	check("mesos_dns.version", s.MesosDNS.Version, versionRe, false, "use a release version such as 0.6.0")
	check("mesos_dns.url", s.MesosDNS.URL, urlRe, false, "use an http(s) URL; {version} and {arch} are filled in")
	return ps
}
