package lab

import (
	"io"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/vagrant"
)

// vagrantData maps the plan onto the Vagrantfile template's input.
func vagrantData(p *config.Plan) vagrant.Data {
	box, boxURL := boxSource(p.Spec.Box)
	d := vagrant.Data{
		Lab:         p.Spec.Name,
		Provider:    p.Spec.Provider,
		Box:         box,
		BoxVersion:  p.Spec.BoxVersion,
		BoxURL:      boxURL,
		DockerImage: p.Spec.DockerImage,
		Netmask:     netmask(p.Spec.Subnet, p.Spec.Provider),
	}
	for _, n := range p.Nodes {
		mem := n.MemoryMB
		if p.Spec.Provider == vagrant.ProviderDocker {
			mem = p.ContainerMemoryMB(n) // the container's limit, see containers.go
		}
		d.Nodes = append(d.Nodes, vagrant.Node{
			Name: n.Name, Role: n.Role, IP: n.IP.String(),
			SSHPort: n.SSHPort, MemoryMB: mem, CPUs: n.CPUs,
		})
	}
	return d
}

// renderVagrantfile writes the lab's Vagrantfile to w.
func renderVagrantfile(p *config.Plan, w io.Writer) error {
	return vagrant.Render(w, vagrantData(p))
}

// boxSource splits the box setting into the name Vagrant stores the box
// under and, for a URL or a local file, where to fetch it. The public box
// registry is being cut back, so URLs and files are first-class.
func boxSource(box string) (name, source string) {
	switch {
	case strings.HasPrefix(box, "http://"), strings.HasPrefix(box, "https://"), strings.HasPrefix(box, "file://"):
		return "mesoslab/" + boxBase(box), box
	case strings.HasSuffix(box, ".box"):
		abs, err := filepath.Abs(box)
		if err != nil {
			abs = box
		}
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
		return "mesoslab/" + boxBase(abs), u.String()
	default:
		return box, ""
	}
}

// boxBase is the file name of a box URL or path without ".box".
func boxBase(s string) string {
	s = strings.TrimSuffix(strings.SplitN(s, "?", 2)[0], "/")
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSuffix(s, ".box")
}

// netmask is the subnet's mask as the provider reads it, or "" for a /24,
// which both providers assume.
func netmask(subnet, provider string) string {
	prefix, err := netip.ParsePrefix(subnet)
	if err != nil || prefix.Bits() == 24 {
		return ""
	}
	if provider == vagrant.ProviderDocker {
		return strconv.Itoa(prefix.Bits())
	}
	return net.IP(net.CIDRMask(prefix.Bits(), 32)).String()
}
