package provision

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// PackageSpec is a set of Debian packages that must be installed.
type PackageSpec struct {
	// Names are package names, each optionally pinned as "name=version".
	Names []string
	// LockTimeout bounds the wait for another apt or dpkg run (such as
	// unattended-upgrades on a fresh VM) to release the dpkg lock; 0 means
	// DefaultLockTimeout.
	LockTimeout time.Duration
	// Offline installs only from the package files already on the node
	// (apt-get install --no-download) and never refreshes the lists: a
	// missing file fails the step instead of being fetched.
	Offline bool
}

// DefaultLockTimeout is how long Package waits for the dpkg lock by default.
const DefaultLockTimeout = 2 * time.Minute

// Package returns a step that installs spec.Names with apt-get. Check asks
// dpkg-query for every package in one command. Apply runs a non-interactive
// `apt-get install --no-install-recommends`, refreshing the package lists
// once when apt does not know a package yet.
func Package(spec PackageSpec) Step {
	if spec.LockTimeout <= 0 {
		spec.LockTimeout = DefaultLockTimeout
	}
	return &pkgStep{spec: spec}
}

type pkgStep struct{ spec PackageSpec }

func (p *pkgStep) Name() string { return "packages " + strings.Join(p.spec.Names, " ") }

func (p *pkgStep) Check(ctx context.Context, r Runner) (bool, error) {
	if len(p.spec.Names) == 0 {
		return true, nil
	}
	names := make([]string, len(p.spec.Names))
	for i, n := range p.spec.Names {
		names[i], _, _ = strings.Cut(n, "=")
	}
	installed, err := InstalledVersions(ctx, r, names...)
	if err != nil {
		return false, err
	}
	for _, n := range p.spec.Names {
		name, version, pinned := strings.Cut(n, "=")
		v, ok := installed[name]
		if !ok || (pinned && v != version) {
			return false, nil
		}
	}
	return true, nil
}

// InstalledVersions asks dpkg-query, in one command, which of names are
// installed on the node and at which version. A package that is unknown to
// dpkg or not fully installed is left out of the map.
func InstalledVersions(ctx context.Context, r Runner, names ...string) (map[string]string, error) {
	// dpkg-query exits 1 when a package is unknown to dpkg; that is an
	// answer ("not installed"), so only its output is read.
	cmd := `dpkg-query -W -f='${db:Status-Abbrev}|${Package}|${Version}\n' -- ` + QuoteAll(names...) + " 2>/dev/null || true"
	res, err := r.Run(ctx, Command{Cmd: cmd})
	if err != nil {
		return nil, err
	}
	return parseDpkgQuery(res.Stdout), nil
}

// parseDpkgQuery maps each installed package to its version. Lines look like
// "ii |zookeeper|3.8.0-11"; only the "ii" status means installed.
func parseDpkgQuery(out []byte) map[string]string {
	installed := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Split(line, "|")
		if len(f) == 3 && strings.TrimSpace(f[0]) == "ii" {
			installed[f[1]] = f[2]
		}
	}
	return installed
}

// unknownPackage matches apt's complaint about stale or missing lists.
var unknownPackage = regexp.MustCompile(`Unable to locate package|has no installation candidate|Version '.*' for '.*' was not found`)

// dpkgInterrupted matches apt refusing to work after an interrupted dpkg run.
var dpkgInterrupted = regexp.MustCompile(`dpkg was interrupted, you must manually run '(sudo )?dpkg --configure -a'`)

// lockHolder matches apt's report of who holds the dpkg lock, such as
// "Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4586 (apt-get)".
var lockHolder = regexp.MustCompile(`Could not get lock (\S+?)\.?(?:\s+It is held by (process \d+(?: \([^)]*\))?))?\s*$`)

func (p *pkgStep) Apply(ctx context.Context, r Runner) error {
	lock := fmt.Sprintf("-o DPkg::Lock::Timeout=%d", int(p.spec.LockTimeout.Seconds()))
	offline := ""
	if p.spec.Offline {
		offline = "--no-download "
	}
	install := Command{
		Cmd: "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends " + offline + lock +
			" -- " + QuoteAll(p.spec.Names...),
		Sudo: true,
		// Downloads may be slow; the lock wait must fit in as well.
		Timeout: p.spec.LockTimeout + 20*time.Minute,
	}
	_, err := r.Run(ctx, install)
	var ce *CmdError
	if errors.As(err, &ce) && ce.Err == nil && dpkgInterrupted.Match(ce.Stderr) {
		// An earlier run was cut off mid-install (a dropped connection, a
		// killed mesoslab): finish dpkg's work, then install again.
		repair := Command{Cmd: "DEBIAN_FRONTEND=noninteractive dpkg --configure -a", Sudo: true, Timeout: 20 * time.Minute}
		if _, err := r.Run(ctx, repair); err != nil {
			return p.explain(err)
		}
		_, err = r.Run(ctx, install)
	}
	if p.spec.Offline && err != nil {
		return fmt.Errorf("offline, apt installs only what the lab cache put on the node; "+
			"run one `mesoslab up` online to fill the cache, or `mesoslab cache import FILE`: %w", p.explain(err))
	}
	if errors.As(err, &ce) && ce.Err == nil && unknownPackage.Match(ce.Stderr) {
		update := Command{Cmd: "apt-get update " + lock, Sudo: true, Timeout: p.spec.LockTimeout + 10*time.Minute}
		if _, err := r.Run(ctx, update); err != nil {
			return p.explain(err)
		}
		_, err = r.Run(ctx, install)
	}
	return p.explain(err)
}

// explain turns apt's lock timeout into an error that names the holder.
func (p *pkgStep) explain(err error) error {
	var ce *CmdError
	if !errors.As(err, &ce) {
		return err
	}
	for _, line := range strings.Split(string(ce.Stderr), "\n") {
		if m := lockHolder.FindStringSubmatch(line); m != nil {
			holder := m[2]
			if holder == "" {
				holder = "another apt or dpkg run"
			}
			return fmt.Errorf("%s still held by %s after waiting %s: %w", m[1], holder, p.spec.LockTimeout, err)
		}
	}
	return err
}
