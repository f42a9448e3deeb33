package recipes

import (
	"bytes"
	"fmt"

	"github.com/mesoslab/mesoslab/provision"
)

// Base returns the steps every node runs first, in order: /etc/hosts naming
// every node by its private address, /etc/hostname and the running host name
// set to the node's name, apt made to keep the package files it downloads
// (for the lab cache), and fresh apt package lists (AptUpdate). Vagrant
// sets the host name on both providers already, so on a lab it built the
// host name steps only check.
func Base(c Cluster, n Node) []provision.Step {
	files := BaseFiles(c, n)
	return []provision.Step{
		provision.InPlaceFile("/etc/hosts", files["/etc/hosts"]),
		provision.InPlaceFile("/etc/hostname", files["/etc/hostname"]),
		provision.Shell(provision.ShellSpec{
			Name:  "hostname " + n.Name,
			Check: `[ "$(hostname)" = ` + provision.Quote(n.Name) + " ]",
			// Not hostnamectl: it needs systemd-hostnamed, which a
			// container may lack. A container cannot set its name at all
			// (no CAP_SYS_ADMIN), which is why Check must pass there.
			Apply: "hostname " + provision.Quote(n.Name),
		}),
		// The lab cache keeps what apt downloads: apt must not delete it.
		provision.File(provision.FileSpec{Path: AptKeepConf, Content: files[AptKeepConf], Mode: 0o644, Owner: "root:root"}),
		provision.Shell(provision.ShellSpec{
			Name:  "no " + dockerClean,
			Check: "[ ! -e " + dockerClean + " ]",
			Apply: "rm -f -- " + dockerClean,
		}),
		provision.AptUpdate(),
	}
}

// AptKeepConf makes apt keep the package files it downloaded, which the
// lab cache reads back; Debian keeps them by default only for apt-get.
const AptKeepConf = "/etc/apt/apt.conf.d/90mesoslab-keep-debs"

// dockerClean is the hook Docker's Debian images ship that deletes every
// downloaded package file after each install; it cannot be overridden from
// another apt.conf.d file, only removed.
const dockerClean = "/etc/apt/apt.conf.d/docker-clean"

// BaseFiles returns the files Base writes on node n, by absolute path.
func BaseFiles(c Cluster, n Node) map[string][]byte {
	return map[string][]byte{
		"/etc/hosts":    hostsFile(c),
		"/etc/hostname": []byte(n.Name + "\n"),
		AptKeepConf: []byte("// Written by mesoslab: the lab cache keeps the packages apt downloaded.\n" +
			"Binary::apt::APT::Keep-Downloaded-Packages \"true\";\n" +
			"APT::Keep-Downloaded-Packages \"true\";\n"),
	}
}

// hostsFile renders the whole of /etc/hosts: the loopback lines Debian ships
// and one line per node. Writing the whole file, rather than adding lines,
// keeps out what Docker writes into a container's file (the node name on
// the Docker bridge address) and the 127.0.1.1 line Vagrant adds for the
// host name: with either, a node's name would resolve to an address its
// peers cannot reach or its services do not bind, and Mesos advertises what
// the name resolves to.
func hostsFile(c Cluster) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Written by mesoslab for the lab %q; the next provisioning run puts it back.\n", c.Name)
	b.WriteString("127.0.0.1\tlocalhost\n")
	b.WriteString("::1\tlocalhost ip6-localhost ip6-loopback\n")
	b.WriteString("ff02::1\tip6-allnodes\n")
	b.WriteString("ff02::2\tip6-allrouters\n")
	b.WriteString("\n# The lab's nodes, by their private addresses.\n")
	for _, n := range c.Nodes {
		fmt.Fprintf(&b, "%s\t%s\n", n.IP, n.Name)
	}
	return b.Bytes()
}
