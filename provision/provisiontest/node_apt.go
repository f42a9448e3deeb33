package provisiontest

import (
	"fmt"
	"strings"

	"github.com/mesoslab/mesoslab/provision"
)

// aptHandlers answer provision.Package, provision.AptUpdate and the lists
// step of provision.SignedRepo.
func (n *Node) aptHandlers() []handler {
	return []handler{
		{`^dpkg-query -W -f='\$\{db:Status-Abbrev\}\|\$\{Package\}\|\$\{Version\}\\n' -- (.*) 2>/dev/null \|\| true$`,
			func(_ provision.Command, m []string) (string, string, int) {
				var out strings.Builder
				for _, name := range Words(m[1]) {
					if v, ok := n.Packages[name]; ok {
						fmt.Fprintf(&out, "ii |%s|%s\n", name, v)
					}
				}
				return out.String(), "", 0
			}},
		{`^DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends (--no-download )?-o DPkg::Lock::Timeout=\d+ -- (.*)$`, n.install},
		{`-mmin -\d+ 2>/dev/null\)" && compgen -G '/var/lib/apt/lists/\*_Packages\*' >/dev/null$`, func(provision.Command, []string) (string, string, int) {
			return "", "", exit(n.AptFresh && n.AptLists)
		}},
		{`^apt-get update -o DPkg::Lock::Timeout=\d+(?: && mkdir -p -- "\$\(dirname -- \S+\)" && touch -- \S+)?$`, func(provision.Command, []string) (string, string, int) {
			n.Change("apt-get update")
			n.AptFresh, n.AptLists = true, true
			n.fetchLists()
			for list := range n.Repos {
				n.fetch(list)
			}
			return "", "", 0
		}},
		{`^apt-get update -o 'Dir::Etc::sourcelist=(\S+)' -o 'Dir::Etc::sourceparts=-' -o 'APT::Get::List-Cleanup=0' -o 'DPkg::Lock::Timeout=\d+'$`,
			func(_ provision.Command, m []string) (string, string, int) {
				n.Change("apt-get update %s", m[1])
				if r := n.Repos[m[1]]; r != nil && (r.Stderr != "" || r.Exit != 0) {
					return "", r.Stderr, r.Exit
				}
				n.fetch(m[1])
				return "Reading package lists...\n", "", 0
			}},
		{`^apt-cache show --no-all-versions (\S+) >/dev/null 2>&1$`, func(_ provision.Command, m []string) (string, string, int) {
			name, version, pinned := strings.Cut(Unquote(m[1]), "=")
			if v, ok := n.Known[name]; n.Known == nil || (ok && (!pinned || v == version)) {
				return "", "", 0
			}
			return "", "", 100
		}},
	}
}

// install plays apt-get install: every package or none, each at the version
// Known gives it, then each one's postinst.
func (n *Node) install(_ provision.Command, m []string) (string, string, int) {
	names := Words(m[2])
	get := map[string]string{}
	for _, p := range names {
		name, version, ok := n.aptVersion(p)
		if !ok {
			return "", "E: Unable to locate package " + p + "\n", 100
		}
		if file, content := DebFile(name, version, n.Arch); n.Packages[name] != version && n.Archives[file] != content {
			if m[1] != "" {
				return "", "E: Can't find a source to download version '" + version + "' of '" + name + ":" + n.Arch + "'\n", 100
			}
			get[file] = content
		}
	}
	for _, file := range sortedKeys(get) {
		n.Downloads = append(n.Downloads, file)
		n.Archives[file] = get[file]
	}
	for _, p := range names {
		name, version, _ := strings.Cut(p, "=")
		switch v, ok := n.Known[name]; {
		case ok:
			version = v
		case version == "":
			version = DefaultVersion
		}
		n.Packages[name] = version
		if hook := n.OnInstall[name]; hook != nil {
			hook()
		}
	}
	n.Change("apt-get install %s", strings.Join(names, " "))
	return "", "", 0
}

// fetch plays apt-get update reading the source list at path: once the list
// is on the node, what its repository offers can be installed.
func (n *Node) fetch(path string) {
	r := n.Repos[path]
	if _, ok := n.Files[path]; !ok || r == nil || n.Known == nil {
		return
	}
	for name, v := range r.Offers {
		n.Known[name] = v
	}
}

// keyHandlers answer the key step of provision.SignedRepo: its check of the
// installed key, the fetch with curl and gpg's listing of the fetched key.
func (n *Node) keyHandlers() []handler {
	return []handler{
		{`^echo "source=\$\(cat -- (\S+) 2>/dev/null\)"\n\[ -s (\S+) \] \|\| exit 0\n`, func(_ provision.Command, m []string) (string, string, int) {
			out := "source=" + strings.TrimSuffix(n.Files[Unquote(m[1])].Content, "\n") + "\n"
			if key, ok := n.Files[Unquote(m[2])]; ok {
				out += fmt.Sprint(n.Now) + "\n" + n.Keys[key.Content]
			}
			return out, "", 0
		}},
		{`^curl -fsSL --retry 2 --connect-timeout 10 --max-time 30 -- (\S+)$`, func(_ provision.Command, m []string) (string, string, int) {
			return n.Get(Unquote(m[1]))
		}},
		{`^date \+%s\nh=\$\(mktemp -d\)\n[\s\S]*--with-colons$`, func(c provision.Command, _ []string) (string, string, int) {
			colons, ok := n.Keys[string(c.Stdin)]
			if !ok {
				return fmt.Sprint(n.Now) + "\n", "gpg: no valid OpenPGP data found.\n", 2
			}
			return fmt.Sprint(n.Now) + "\n" + colons, "", 0
		}},
	}
}

// Get is what curl -f prints fetching url from URLs, and its exit code: 22
// for a URL the node cannot find.
func (n *Node) Get(url string) (body, stderr string, exit int) {
	u, ok := n.URLs[url]
	switch {
	case !ok:
		return "", "curl: (22) The requested URL returned error: 404\n", 22
	case u.Exit != 0:
		return "", fmt.Sprintf("curl: (%d) failed\n", u.Exit), u.Exit
	}
	return u.Body, "", 0
}
