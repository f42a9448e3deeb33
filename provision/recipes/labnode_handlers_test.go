package recipes

import (
	"regexp"
	"slices"
	"strings"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

var unquote = provisiontest.Unquote

// mesosHandlers answer flagFilesStep: what mesos-init-wrapper would read.
var mesosHandlers = []labHandler{
	{`^\[ ! -f \S+ \] \|\| grep -v `, func(f *labNode, c provision.Command, _ []string) (string, string, int) {
		var out strings.Builder
		for _, m := range regexp.MustCompile(`(?m)^\[ ! -f (\S+) \] \|\| grep`).FindAllStringSubmatch(c.Cmd, -1) {
			path := unquote(m[1])
			for _, line := range strings.Split(f.Files[path].Content, "\n") {
				if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
					out.WriteString(path + ": " + line + "\n")
				}
			}
		}
		for _, m := range regexp.MustCompile(`(?m)^\[ ! -d (\S+) \] \|\| find`).FindAllStringSubmatch(c.Cmd, -1) {
			dir := unquote(m[1]) + "/"
			var found []string
			for path := range f.Files {
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
	}},
}

// resolverHandlers answer the resolver recipe: its look at the node's
// resolver files and its write of resolv.conf in place.
var resolverHandlers = []labHandler{
	{`^etc=(\S+) run=(\S+) d=\S+\nif systemctl is-active --quiet systemd-resolved`, func(f *labNode, _ provision.Command, m []string) (string, string, int) {
		if f.resolved {
			return "mode=resolved\n" + f.Files[unquote(m[2])].Content, "", 0
		}
		return "mode=file\n" + f.Files[unquote(m[1])].Content, "", 0
	}},
	{`^set -e\n\[ ! -L (\S+) \] \|\| rm -f -- \S+\ncat > \S+\nchmod 0644 -- \S+\nchown (\S+) -- \S+$`, func(f *labNode, c provision.Command, m []string) (string, string, int) {
		f.Files[unquote(m[1])] = provisiontest.File{Content: string(c.Stdin), Mode: "644", Owner: unquote(m[2])}
		f.Change("write %s in place", unquote(m[1]))
		return "", "", 0
	}},
}

// restartResolved plays systemd-resolved rereading its drop-ins: its list
// of upstream servers then starts with the global DNS= servers.
func (f *labNode) restartResolved() {
	dropIn, ok := f.Files["/etc/systemd/resolved.conf.d/mesoslab.conf"]
	if !ok {
		return
	}
	var list strings.Builder
	for _, line := range strings.Split(dropIn.Content, "\n") {
		if servers, ok := strings.CutPrefix(line, "DNS="); ok {
			for _, s := range strings.Fields(servers) {
				list.WriteString("nameserver " + s + "\n")
			}
		}
	}
	list.WriteString("nameserver 10.0.2.3\n")
	f.SetFile("/run/systemd/resolve/resolv.conf", list.String())
}

// useResolved makes the node a systemd-resolved box: its stub serves
// /etc/resolv.conf and the real upstream is in /run/systemd/resolve.
func (f *labNode) useResolved() {
	f.resolved = true
	f.Units["systemd-resolved"] = &provisiontest.Unit{Enabled: true, Active: true}
	f.SetFile("/etc/resolv.conf", "nameserver 127.0.0.53\noptions edns0 trust-ad\n")
	f.SetFile("/run/systemd/resolve/resolv.conf", "nameserver 10.0.2.3\n")
}
