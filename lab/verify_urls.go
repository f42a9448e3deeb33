package lab

import (
	"net"
	"strconv"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/health"
)

// URL is one web interface of the lab.
type URL struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// URLs lists the web interfaces of the switched-on components, each on a
// master that answered in r: Mesos on the leader (or the first master that
// answers), Marathon, Chronos and Mesos-DNS on the first master whose
// instance answered. With no answer at all they point at the first master.
// Addresses, not names: the host need not resolve the nodes' names.
func URLs(p *config.Plan, r health.Report) []URL {
	masters := p.Masters()
	if len(masters) == 0 {
		return nil
	}
	c, ports := p.Spec.Components, health.DefaultPorts()
	var out []URL
	add := func(name, addr string, port int, path string) {
		if addr == "" {
			addr = masters[0].IP.String()
		}
		out = append(out, URL{Name: name, URL: "http://" + net.JoinHostPort(addr, strconv.Itoa(port)) + path})
	}
	if c.Mesos {
		addr := r.Mesos.Leader.Addr
		for _, m := range r.Mesos.Masters {
			if addr == "" && m.Reached {
				addr = m.Node.Addr
			}
		}
		add("Mesos", addr, ports.MesosMaster, "/")
	}
	if c.Marathon {
		var addr string
		for _, m := range r.Marathon {
			if addr == "" && m.Version != "" {
				addr = m.Node.Addr
			}
		}
		add("Marathon", addr, ports.Marathon, "/")
	}
	if c.Chronos {
		var addr string
		for _, ch := range r.Chronos {
			if addr == "" && ch.API != "" {
				addr = ch.Node.Addr
			}
		}
		add("Chronos", addr, ports.Chronos, "/")
	}
	if c.MesosDNS {
		var addr string
		for _, d := range r.MesosDNS {
			if addr == "" && d.Version != "" {
				addr = d.Node.Addr
			}
		}
		// Mesos-DNS has no web page; its configuration is the useful view.
		add("Mesos-DNS", addr, ports.MesosDNSHTTP, "/v1/config")
	}
	return out
}
