package health

import (
	"net"
	"net/url"
	"strings"
)

// NodeByHost maps a host as Mesos or Marathon advertise it (the --hostname, an FQDN
// whose first label is the node name, or an IP) to the lab node.
func NodeByHost(nodes []Node, host string) (Node, bool) {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" {
		return Node{}, false
	}
	if ip := net.ParseIP(host); ip != nil {
		for _, n := range nodes {
			if a := net.ParseIP(n.Addr); a != nil && a.Equal(ip) {
				return n, true
			}
		}
		return Node{}, false
	}
	label, _, _ := strings.Cut(host, ".")
	for _, n := range nodes {
		name := strings.ToLower(n.Name)
		if host == name || label == name {
			return n, true
		}
	}
	return Node{}, false
}

// locationHost takes the host out of a Location header. Mesos writes it
// protocol-relative ("//master1:5050/master/redirect"), which url.Parse
// reads as a host; an absolute URL works too.
func locationHost(location string) (hostport, host string, okay bool) {
	u, err := url.Parse(location)
	if err != nil || u.Host == "" {
		return "", "", false
	}
	return u.Host, u.Hostname(), true
}

// pidHost takes the IP out of a libprocess pid such as
// "slave(1)@10.10.10.21:5051" or "master@10.10.10.11:5050".
func pidHost(pid string) string {
	_, hostport, found := strings.Cut(pid, "@")
	if !found {
		return ""
	}
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		return ""
	}
	return host
}
