package provisiontest

import (
	"regexp"
	"strings"

	"github.com/mesoslab/mesoslab/provision"
)

var systemctlVerb = regexp.MustCompile(`systemctl (\S+) (\S+)`)

// unitHandlers answer provision.Service, provision.TryRestart,
// provision.Image and dpkg --print-architecture.
func (n *Node) unitHandlers() []handler {
	return []handler{
		{`^echo "\$\(systemctl is-enabled (\S+) 2>/dev/null\)"; echo "\$\(systemctl is-active (\S+) 2>/dev/null\)"$`,
			func(_ provision.Command, m []string) (string, string, int) {
				u := n.unit(Unquote(m[1]))
				if u == nil {
					return "\ninactive\n", "", 0
				}
				enabled, active := "disabled", "inactive"
				if u.Enabled {
					enabled = "enabled"
				}
				if u.Active {
					active = "active"
				}
				return enabled + "\n" + active + "\n", "", 0
			}},
		{`^systemctl daemon-reload((?: && systemctl \S+ \S+)*)$`, func(_ provision.Command, m []string) (string, string, int) {
			for _, a := range systemctlVerb.FindAllStringSubmatch(m[1], -1) {
				verb, name := a[1], Unquote(a[2])
				u := n.unit(name)
				if u == nil {
					return "", "Failed to " + verb + " " + name + ".service: Unit " + name + ".service not found.\n", 5
				}
				switch verb {
				case "enable", "disable":
					u.Enabled = verb == "enable"
				case "start":
					u.Active = true
				case "restart":
					n.restart(name)
				case "stop":
					u.Active = false
				}
				n.Change("systemctl %s %s", verb, name)
			}
			return "", "", 0
		}},
		{`^if systemctl is-active --quiet (\S+); then systemctl restart (\S+); fi$`, func(_ provision.Command, m []string) (string, string, int) {
			name := Unquote(m[1])
			if u := n.unit(name); u != nil && u.Active {
				n.Change("systemctl restart %s", name)
				n.restart(name)
			}
			return "", "", 0
		}},
		{`^docker image inspect (\S+) >/dev/null 2>&1$`, func(_ provision.Command, m []string) (string, string, int) {
			return "", "", exit(n.Images[Unquote(m[1])])
		}},
		{`^docker pull (\S+)$`, func(_ provision.Command, m []string) (string, string, int) {
			image := Unquote(m[1])
			if stderr, bad := n.PullErr[image]; bad {
				return "", stderr, 1
			}
			n.Images[image] = true
			n.Change("docker pull %s", image)
			return "", "", 0
		}},
		{`^dpkg --print-architecture$`, func(provision.Command, []string) (string, string, int) {
			return n.Arch + "\n", "", 0
		}},
	}
}

// unit returns a unit the node has, from a package or a unit file.
func (n *Node) unit(name string) *Unit {
	name = strings.TrimSuffix(name, ".service")
	if u, ok := n.Units[name]; ok {
		return u
	}
	if _, ok := n.Files["/etc/systemd/system/"+name+".service"]; ok {
		n.Units[name] = &Unit{}
		return n.Units[name]
	}
	return nil
}

// restart restarts a unit: it runs, is counted, and rereads its files.
func (n *Node) restart(name string) {
	n.unit(name).Active = true
	n.Restarts[name]++
	if hook := n.OnRestart[name]; hook != nil {
		hook()
	}
}

// Active reports whether the unit called name runs.
func (n *Node) Active(name string) bool {
	u := n.unit(name)
	return u != nil && u.Active
}
