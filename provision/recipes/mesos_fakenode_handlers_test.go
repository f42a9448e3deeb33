package recipes

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/mesoslab/mesoslab/provision"
)

type handlerFunc = func(f *fakeNode, c provision.Command, m []string) (string, string, int)

func on(pattern string, fn handlerFunc) handler {
	return handler{re: regexp.MustCompile(pattern), fn: fn}
}

// systemHandlers answer the commands of provision's primitives and of the
// recipes' own Shell steps.
var systemHandlers = []handler{
	// provision.File
	on(`^set -eo pipefail\np=(\S+)\n`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		file, ok := f.files[unquote(m[1])]
		if !ok {
			return "absent\n", "", 0
		}
		return sum(file.content) + "\n" + file.mode + " " + file.owner + " 0:0\n", "", 0
	}),
	on(`mv -fT -- "\$tmp" (\S+)\ntrap - EXIT`, func(f *fakeNode, c provision.Command, m []string) (string, string, int) {
		mode := regexp.MustCompile(`chmod 0?(\d+) -- "\$tmp"`).FindStringSubmatch(c.Cmd)[1]
		owner := "root:root"
		if o := regexp.MustCompile(`chown (\S+) -- "\$tmp"`).FindStringSubmatch(c.Cmd); o != nil {
			owner = unquote(o[1])
		}
		path := unquote(m[1])
		f.files[path] = fakeFile{content: string(c.Stdin), mode: mode, owner: owner}
		f.change("write %s", path)
		return "", "", 0
	}),
	// provision.Package and the repository's lists
	on(`^dpkg-query -W -f='\$\{db:Status-Abbrev\}\|\$\{Package\}\|\$\{Version\}\\n' -- (.*) 2>/dev/null \|\| true$`,
		func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
			var out strings.Builder
			for _, name := range words(m[1]) {
				if v, ok := f.pkgs[name]; ok {
					fmt.Fprintf(&out, "ii |%s|%s\n", name, v)
				}
			}
			return out.String(), "", 0
		}),
	on(`^DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=\d+ -- (.*)$`,
		func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
			names := words(m[1])
			for _, n := range names {
				name, version, pinned := strings.Cut(n, "=")
				if v, ok := f.known[name]; !ok || (pinned && v != version) {
					return "", "E: Unable to locate package " + n + "\n", 100
				}
			}
			for _, n := range names {
				name, _, _ := strings.Cut(n, "=")
				f.pkgs[name] = f.known[name]
				f.installed(name)
			}
			f.change("apt-get install %s", strings.Join(names, " "))
			return "", "", 0
		}),
	on(`^apt-get update -o DPkg::Lock::Timeout=\d+$`, func(f *fakeNode, _ provision.Command, _ []string) (string, string, int) {
		f.change("apt-get update")
		f.fetchRepo()
		return "", "", 0
	}),
	on(`^apt-get update -o 'Dir::Etc::sourcelist=(\S+)' -o 'Dir::Etc::sourceparts=-' -o 'APT::Get::List-Cleanup=0' -o 'DPkg::Lock::Timeout=120'$`,
		func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
			f.change("apt-get update %s", m[1])
			if f.repoUpdate.body != "" || f.repoUpdate.exit != 0 {
				return "", f.repoUpdate.body, f.repoUpdate.exit
			}
			f.fetchRepo()
			return "Reading package lists...\n", "", 0
		}),
	on(`^apt-cache show --no-all-versions (\S+) >/dev/null 2>&1$`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		name, version, pinned := strings.Cut(unquote(m[1]), "=")
		if v, ok := f.known[name]; ok && (!pinned || v == version) {
			return "", "", 0
		}
		return "", "", 100
	}),
	// provision.Service and the resolver's restart
	on(`^echo "\$\(systemctl is-enabled (\S+) 2>/dev/null\)"`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		u := f.unit(unquote(m[1]))
		switch {
		case u == nil:
			return "\ninactive\n", "", 0
		case u.enabled && u.active:
			return "enabled\nactive\n", "", 0
		case u.enabled:
			return "enabled\ninactive\n", "", 0
		case u.active:
			return "disabled\nactive\n", "", 0
		}
		return "disabled\ninactive\n", "", 0
	}),
	on(`^systemctl daemon-reload((?: && systemctl \S+ \S+)*)$`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		for _, a := range regexp.MustCompile(`systemctl (\S+) (\S+)`).FindAllStringSubmatch(m[1], -1) {
			verb, name := a[1], unquote(a[2])
			u := f.unit(name)
			if u == nil {
				return "", "Failed to " + verb + " " + name + ".service: Unit " + name + ".service not found.\n", 5
			}
			switch verb {
			case "enable", "disable":
				u.enabled = verb == "enable"
			case "start", "restart":
				u.active = true
			case "stop":
				u.active = false
			}
			f.change("systemctl %s %s", verb, name)
		}
		return "", "", 0
	}),
	on(`^if systemctl is-active --quiet (\S+); then systemctl restart (\S+); fi$`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		if u := f.unit(m[1]); u != nil && u.active {
			f.change("systemctl restart %s", m[1])
			f.restartResolved()
		}
		return "", "", 0
	}),
	// provision.Shell steps: directories and the Mesos-DNS user
	on(`^test -d (\S+)$`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		return "", "", exit(f.dirs[unquote(m[1])])
	}),
	on(`^install -d -m 0755 -- (\S+)$`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		f.dirs[unquote(m[1])] = true
		f.change("mkdir %s", unquote(m[1]))
		return "", "", 0
	}),
	// flagFilesStep: what mesos-init-wrapper would read
	on(`^\[ ! -f \S+ \] \|\| grep -v `, func(f *fakeNode, c provision.Command, _ []string) (string, string, int) {
		var out strings.Builder
		for _, m := range regexp.MustCompile(`(?m)^\[ ! -f (\S+) \] \|\| grep`).FindAllStringSubmatch(c.Cmd, -1) {
			path := unquote(m[1])
			for _, line := range strings.Split(f.files[path].content, "\n") {
				if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
					out.WriteString(path + ": " + line + "\n")
				}
			}
		}
		for _, m := range regexp.MustCompile(`(?m)^\[ ! -d (\S+) \] \|\| find`).FindAllStringSubmatch(c.Cmd, -1) {
			dir := unquote(m[1]) + "/"
			var found []string
			for path := range f.files {
				if rest, ok := strings.CutPrefix(path, dir); ok && !strings.Contains(rest, "/") &&
					!strings.HasSuffix(rest, ".dpkg-dist") && !strings.HasSuffix(rest, ".rpmnew") {
					found = append(found, path)
				}
			}
			slices.Sort(found)
			for _, p := range found {
				out.WriteString(p + "\n")
			}
		}
		return out.String(), "", 0
	}),
	on(`^id -u (\S+) >/dev/null 2>&1$`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		return "", "", exit(f.users[m[1]])
	}),
	on(`^useradd --system .* (\S+)$`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		f.users[m[1]] = true
		f.change("useradd %s", m[1])
		return "", "", 0
	}),
}

func exit(ok bool) int {
	if ok {
		return 0
	}
	return 1
}

// unit returns a unit the node has, from a package or a unit file.
func (f *fakeNode) unit(name string) *fakeUnit {
	name = strings.TrimSuffix(name, ".service")
	if u, ok := f.units[name]; ok {
		return u
	}
	if _, ok := f.files["/etc/systemd/system/"+name+".service"]; ok {
		f.units[name] = &fakeUnit{}
		return f.units[name]
	}
	return nil
}

// installed plays a package's postinst: Debian packages enable and start
// their services at once, so a master first runs the agent too.
func (f *fakeNode) installed(pkg string) {
	switch pkg {
	case "docker.io":
		f.units["docker"] = &fakeUnit{enabled: true, active: true}
	case "aventer-mesos":
		f.units["mesos-master"] = &fakeUnit{enabled: true, active: true}
		f.units["mesos-agent"] = &fakeUnit{enabled: true, active: true}
	}
	for path, content := range f.ships[pkg] {
		f.files[path] = fakeFile{content: content, mode: "644", owner: "root:root"}
	}
}

// fetchRepo plays apt-get update with the Mesos source configured.
func (f *fakeNode) fetchRepo() {
	if _, ok := f.files["/etc/apt/sources.list.d/mesoslab-mesos.list"]; !ok {
		return
	}
	for name, v := range f.repo {
		f.known[name] = v
	}
}

// restartResolved plays systemd-resolved rereading its drop-ins: its list
// of upstream servers then starts with the global DNS= servers.
func (f *fakeNode) restartResolved() {
	dropIn, ok := f.files["/etc/systemd/resolved.conf.d/mesoslab.conf"]
	if !ok {
		return
	}
	var list strings.Builder
	for _, line := range strings.Split(dropIn.content, "\n") {
		if servers, ok := strings.CutPrefix(line, "DNS="); ok {
			for _, s := range strings.Fields(servers) {
				list.WriteString("nameserver " + s + "\n")
			}
		}
	}
	list.WriteString("nameserver 10.0.2.3\n")
	f.files["/run/systemd/resolve/resolv.conf"] = fakeFile{content: list.String(), mode: "644", owner: "root:root"}
}
