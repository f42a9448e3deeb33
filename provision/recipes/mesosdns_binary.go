package recipes

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/provision"
)

// mesosDNSBinary installs a Mesos-DNS release binary from
// sources.mesos_dns.url, with {version} and {arch} filled in (arch as dpkg
// names it). Check wants a binary that runs `-version` and either prints
// the wanted version or came from the same URL (a marker file records it);
// the spec has no checksum, so running the download is its verification.
type mesosDNSBinary struct {
	version, url string // url is the template
	bin, marker  string
	owner        string
	// cache, when it has a store, holds the binary by its URL: a cached
	// copy is uploaded instead of downloaded, and a download is kept.
	cache provision.CacheUse
}

func (m *mesosDNSBinary) Name() string { return "mesos-dns " + m.version + " at " + m.bin }

// releaseURL fills the URL template for arch.
func (m *mesosDNSBinary) releaseURL(arch string) string {
	return strings.NewReplacer("{version}", m.version, "{arch}", arch).Replace(m.url)
}

func (m *mesosDNSBinary) Check(ctx context.Context, r provision.Runner) (bool, error) {
	cmd := "echo \"arch=$(dpkg --print-architecture)\"\necho \"source=$(cat -- " + provision.Quote(m.marker) + " 2>/dev/null)\"\n" +
		"if v=$(" + provision.Quote(m.bin) + " -version 2>&1); then echo \"version=$v\"; fi"
	res, err := r.Run(ctx, provision.Command{Cmd: cmd})
	if err != nil {
		return false, err
	}
	facts := map[string]string{}
	for _, line := range strings.Split(string(res.Stdout), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			facts[k] = strings.TrimSpace(v)
		}
	}
	v, runs := facts["version"]
	if !runs {
		return false, nil
	}
	return facts["source"] == m.releaseURL(facts["arch"]) || sameVersion(v, m.version), nil
}

// sameVersion reports whether a -version output names version, with or
// without a leading v.
func sameVersion(out, version string) bool {
	for _, f := range strings.Fields(out) {
		if strings.TrimPrefix(f, "v") == strings.TrimPrefix(version, "v") {
			return true
		}
	}
	return false
}

func (m *mesosDNSBinary) Apply(ctx context.Context, r provision.Runner) error {
	res, err := r.Run(ctx, provision.Command{Cmd: "dpkg --print-architecture"})
	if err != nil {
		return err
	}
	arch := strings.TrimSpace(string(res.Stdout))
	url := m.releaseURL(arch)
	tmp := provision.Quote(m.bin + ".download")
	cached, err := m.fromCache(ctx, r, url, tmp)
	if err != nil {
		return err
	}
	if !cached {
		if err := m.download(ctx, r, url, arch, tmp); err != nil {
			return err
		}
	}
	verify := "chmod 0755 -- " + tmp + "\n" + tmp + " -version 2>&1 || { rm -f -- " + tmp + "; exit 1; }"
	if _, err := r.Run(ctx, provision.Command{Cmd: verify, Sudo: true}); provision.ExitStatus(err) > 0 {
		return m.fail(url, arch, "the downloaded file does not run on this "+arch+" node", err)
	} else if err != nil {
		return err
	}
	if err := m.keep(ctx, r, url, tmp, cached); err != nil {
		return err
	}
	if _, err := r.Run(ctx, provision.Command{Cmd: "mv -fT -- " + tmp + " " + provision.Quote(m.bin), Sudo: true}); err != nil {
		return err
	}
	return provision.File(provision.FileSpec{Path: m.marker, Content: []byte(url + "\n"), Mode: 0o644, Owner: m.owner}).Apply(ctx, r)
}

// download fetches the release into tmp on the node.
func (m *mesosDNSBinary) download(ctx context.Context, r provision.Runner, url, arch, tmp string) error {
	if m.cache.Offline {
		return &provision.SourceError{Key: "sources.mesos_dns.url", Value: url, Problem: "offline, and the lab cache does not hold this release",
			Fix: "run one `mesoslab up` online to keep it in the cache, or `mesoslab cache import FILE`"}
	}
	fetch := "curl -fsSL --retry 2 --connect-timeout 20 --max-time 600 --create-dirs -o " + tmp + " -- " + provision.Quote(url) +
		" || { rc=$?; rm -f -- " + tmp + "; exit $rc; }"
	_, err := r.Run(ctx, provision.Command{Cmd: fetch, Sudo: true, Timeout: 11 * time.Minute})
	if code := provision.ExitStatus(err); code > 0 {
		problem := provision.CurlProblem(code)
		if code == 22 && arch != "amd64" {
			problem = "there is no " + arch + " build at this URL (the upstream Mesos-DNS releases are amd64 only)"
		}
		return m.fail(url, arch, problem, err)
	}
	return err
}

// fromCache uploads the cached release into tmp; false when the cache has
// none (or dropped a corrupt copy).
func (m *mesosDNSBinary) fromCache(ctx context.Context, r provision.Runner, url, tmp string) (bool, error) {
	if m.cache.Cache == nil {
		return false, nil
	}
	rc, _, ok, err := m.cache.Cache.Open(provision.CacheBinary, url)
	if err != nil || !ok {
		return false, err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return false, fmt.Errorf("read cached %s: %w", url, err)
	}
	cmd := "mkdir -p -- \"$(dirname -- " + tmp + ")\" && cat > " + tmp
	_, err = r.Run(ctx, provision.Command{Cmd: cmd, Stdin: b, Sudo: true, Timeout: 5 * time.Minute})
	return err == nil, err
}

// keep reads a verified download back into the cache, and records it.
func (m *mesosDNSBinary) keep(ctx context.Context, r provision.Runner, url, tmp string, cached bool) error {
	if m.cache.Cache == nil {
		return nil
	}
	if !cached {
		res, err := r.Run(ctx, provision.Command{Cmd: "cat -- " + tmp, Sudo: true, Secret: true, Timeout: 5 * time.Minute})
		if err != nil {
			return fmt.Errorf("read %s back for the lab cache: %w", m.bin, err)
		}
		if _, err := m.cache.Cache.Keep(provision.CacheBinary, url, bytes.NewReader(res.Stdout)); err != nil {
			return fmt.Errorf("keep %s in the lab cache: %w", url, err)
		}
	}
	return m.cache.Manifest.Record(provision.ManifestItem{Kind: provision.CacheBinary, Name: url})
}

// fail explains a download that cannot be used. The other source is
// AVENTER's package: its repository has no release URL to put here, but
// builds the deb for more than amd64.
func (m *mesosDNSBinary) fail(url, arch, problem string, err error) error {
	fix := "check that the nodes reach it, or set sources.mesos_dns.url (with {version} and {arch}) and " +
		"sources.mesos_dns.version in mesoslab.yaml to a reachable release of Mesos-DNS 0.7 or later, " +
		"or replace both with sources.mesos_dns.package: mesos-dns to install AVENTER's package from sources.mesos.repo"
	if arch != "amd64" {
		fix = "replace sources.mesos_dns.url and sources.mesos_dns.version in mesoslab.yaml with " +
			"sources.mesos_dns.package: mesos-dns to install AVENTER's maintained fork from sources.mesos.repo, " +
			"if the repository has an " + arch + " build of it; or set them to a Mesos-DNS 0.7 or later built for " + arch +
			"; or run the lab on amd64"
	}
	return &provision.SourceError{Key: "sources.mesos_dns.url", Value: url, Problem: problem, Fix: fix, Err: err}
}
