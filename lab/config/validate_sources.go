package config

import (
	"regexp"
	"strings"

	"github.com/hashicorp/go-version"
	debversion "pault.ag/go/debian/version"

	"github.com/mesoslab/mesoslab/lab/stack"
)

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
	check("docker.mirror", s.Docker.Mirror, urlRe, true, "use the http(s) URL of a registry mirror, such as http://192.168.56.1:5000, or leave it empty")
	check("marathon.image", s.Marathon.Image, imageRe, false, "use an image reference such as mesosphere/marathon:v1.11.24")
	check("chronos.image", s.Chronos.Image, imageRe, false, "use an image reference such as mesosphere/chronos:v3.0.2")
	check("demo.image", s.Demo.Image, imageRe, false, "use an image reference such as busybox:1.36")
	check("mesos_dns.package", s.MesosDNS.Package, packageRe, true, "use a Debian package name such as mesos-dns")
	check("mesos_dns.url", s.MesosDNS.URL, urlRe, true, "use an http(s) URL; {version} and {arch} are filled in")
	check("mesos_dns.version", s.MesosDNS.Version, versionRe, true, "use a version such as "+MesosDNSReleaseVersion)
	if len(ps) > 0 {
		return ps // a value that is not allowed is not compared
	}
	return append(validateMesosVersion(s.Mesos), validateMesosDNS(s.MesosDNS)...)
}

// validateMesosVersion refuses a pinned aventer-mesos older than the lab
// runs on, before any machine is built rather than after the install.
func validateMesosVersion(m AptSource) []Problem {
	if m.Package != stack.AventerMesosPackage || m.Version == "" {
		return nil // unpinned, or another package: the node checks what it installed
	}
	v, err := debversion.Parse(m.Version)
	if err != nil {
		return []Problem{{Key: "sources.mesos.version", Value: m.Version,
			Message: "not a Debian version: " + err.Error(),
			Fix:     "use a version such as " + stack.MinAventerMesos + " or later, or leave it empty for the newest"}}
	}
	if min, _ := debversion.Parse(stack.MinAventerMesos); debversion.Compare(v, min) >= 0 {
		return nil
	}
	return []Problem{{Key: "sources.mesos.version", Value: m.Version,
		Message: "aventer-mesos older than " + stack.MinAventerMesos + " sets the Mesos paths wrongly on Debian 12 (fixed in its 0.7.1 build)",
		Fix:     "set sources.mesos.version to " + stack.MinAventerMesos + " or later (apt-cache policy aventer-mesos on a node lists them), or leave it empty for the newest"}}
}

// minMesosDNS is the oldest Mesos-DNS that reads a Mesos 1.8 or later
// master (stack.MinMesosDNS says why).
var minMesosDNS = version.Must(version.NewVersion(stack.MinMesosDNS))

// validateMesosDNS wants exactly one source, a version with the release
// URL, and no version that polls /master/state.json.
func validateMesosDNS(m MesosDNSSource) []Problem {
	const key = "sources.mesos_dns"
	switch {
	case m.Package != "" && m.URL != "":
		return []Problem{{Key: key, Value: "package " + m.Package + ", url " + m.URL,
			Message: "names two sources: Mesos-DNS installs either the package or the release binary",
			Fix:     "keep package (AVENTER's mesos-dns from sources.mesos.repo) or url (a release binary), and remove the other"}}
	case m.Package == "" && m.URL == "":
		return []Problem{{Key: key + ".package", Value: "",
			Message: "Mesos-DNS has no source",
			Fix:     "set package: mesos-dns, or url and version of a release such as " + MesosDNSReleaseVersion}}
	case m.URL != "" && m.Version == "":
		return []Problem{{Key: key + ".version", Value: "",
			Message: "the release URL needs the version it downloads",
			Fix:     "set sources.mesos_dns.version, such as " + MesosDNSReleaseVersion}}
	case m.Version == "":
		return nil // the newest package
	}
	fix := "set sources.mesos_dns.version to " + MesosDNSReleaseVersion + " or later, or remove url and version to install AVENTER's mesos-dns package"
	if m.Package != "" {
		fix = "set sources.mesos_dns.version to 0.7 or later (AVENTER's own stack pins 0.9.0), or leave it empty for the newest"
	}
	want := m.Version
	if m.Package != "" {
		want = upstreamVersion(want)
	}
	v, err := version.NewVersion(want)
	if err != nil {
		return []Problem{{Key: key + ".version", Value: m.Version,
			Message: "not a version that can be compared with 0.7", Fix: fix}}
	}
	if v.LessThan(minMesosDNS) {
		return []Problem{{Key: key + ".version", Value: m.Version,
			Message: "Mesos-DNS older than 0.7 polls /master/state.json, which Mesos removed in 1.8: " +
				"it reads no state from the lab's Mesos 1.11, and every *.mesos name answers NXDOMAIN",
			Fix: fix}}
	}
	return nil
}

// upstreamVersion drops the epoch ("1:") and the Debian revision
// ("-1.debian12") from a package version: go-version would read the
// revision as a pre-release, and 0.7.0-1 as older than 0.7.0-rc1.
func upstreamVersion(v string) string {
	if i := strings.Index(v, ":"); i >= 0 {
		v = v[i+1:]
	}
	if i := strings.LastIndex(v, "-"); i > 0 {
		v = v[:i]
	}
	return v
}
