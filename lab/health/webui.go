package health

import (
	"strings"

	"github.com/mesoslab/mesoslab/lab/stack"
)

// The components that have a web interface, by the names `mesoslab ui` takes.
const (
	WebUIMesos    = "mesos"
	WebUIMarathon = "marathon"
	WebUIChronos  = "chronos"
	WebUIMesosDNS = "dns"
)

// WebUI is one component's web interface, chosen from a probe by ChooseWebUI.
type WebUI struct {
	// Component is one of the WebUI* names; Name is how people write it.
	Component, Name string
	// URL is http://ADDR:PORT/PATH, by address: the host need not resolve
	// the nodes' names.
	URL string
	// Answered is true when the instance URL names answered the probe as
	// the choice needs. When it is false, URL is the best guess: the first
	// master that answered at all, else the first master.
	Answered bool
}

// WebUIs chooses the web interface of every switched-on component of t, in
// the order Mesos, Marathon, Chronos, Mesos-DNS. `status` and `up` print
// these and `mesoslab ui` opens ChooseWebUI's, so both give one answer.
func WebUIs(rep Report, t Target) []WebUI {
	var out []WebUI
	for _, c := range []struct {
		on   bool
		name string
	}{{t.Components.Mesos, WebUIMesos}, {t.Components.Marathon, WebUIMarathon},
		{t.Components.Chronos, WebUIChronos}, {t.Components.MesosDNS, WebUIMesosDNS}} {
		if c.on {
			out = append(out, ChooseWebUI(rep, t, c.name))
		}
	}
	return out
}

// ChooseWebUI picks the master whose web interface of component to show,
// from rep, a probe of t:
//   - Mesos on its elected leader: a standby's UI only redirects there.
//   - Marathon on its own leader, when an instance that answered names one
//     that maps to a master: the leader serves the UI without the proxy hop
//     a standby adds, and a standby that lost the leader cannot proxy at
//     all. Else on the first instance that answered.
//   - Chronos on the first instance that answered: every instance proxies
//     the API to the leader, so any will do.
//   - Mesos-DNS at /v1/enumerate on the first instance that answered.
//     Mesos-DNS has no web page; the record listing shows what it serves
//     (the masters, the frameworks and the app's tasks), where /v1/config
//     would only repeat the config.json mesoslab wrote.
//
// An unknown component gives a zero WebUI.
func ChooseWebUI(rep Report, t Target, component string) WebUI {
	p := t.Ports
	var w WebUI
	var first Node // the first instance that answered at all
	switch component {
	case WebUIMesos:
		w = WebUI{Component: component, Name: "Mesos", URL: "/"}
		for _, m := range rep.Mesos.Masters {
			if first.Addr == "" && m.Reached {
				first = m.Node
			}
		}
		if rep.Mesos.Leader.Name != "" {
			return w.at(rep.Mesos.Leader, p.MesosMaster, true)
		}
		return w.guess(first, t, p.MesosMaster)
	case WebUIMarathon:
		w = WebUI{Component: component, Name: "Marathon", URL: "/"}
		for _, m := range rep.Marathon {
			if m.Version == "" {
				continue
			}
			host, _, _ := strings.Cut(m.Leader, ":")
			if n, ok := NodeByHost(t.Masters, host); ok {
				return w.at(n, p.Marathon, true)
			}
			if first.Addr == "" {
				first = m.Node
			}
		}
		return w.firstAnswer(first, t, p.Marathon)
	case WebUIChronos:
		w = WebUI{Component: component, Name: "Chronos", URL: "/"}
		for _, c := range rep.Chronos {
			if first.Addr == "" && c.API != "" {
				first = c.Node
			}
		}
		return w.firstAnswer(first, t, p.Chronos)
	case WebUIMesosDNS:
		w = WebUI{Component: component, Name: "Mesos-DNS", URL: "/v1/enumerate"}
		for _, d := range rep.MesosDNS {
			if first.Addr == "" && d.Version != "" {
				first = d.Node
			}
		}
		return w.firstAnswer(first, t, p.MesosDNSHTTP)
	}
	return WebUI{}
}

// at puts w, whose URL holds the path so far, on node n.
func (w WebUI) at(n Node, port int, answered bool) WebUI {
	w.URL = stack.BaseURL(n.Addr, port) + w.URL
	w.Answered = answered
	return w
}

// firstAnswer puts w on the first instance that answered, if one did.
func (w WebUI) firstAnswer(first Node, t Target, port int) WebUI {
	if first.Addr != "" {
		return w.at(first, port, true)
	}
	return w.guess(first, t, port)
}

// guess puts w, which no instance answered as needed, on first if it
// answered at all, else on the first master.
func (w WebUI) guess(first Node, t Target, port int) WebUI {
	switch {
	case first.Addr != "":
		return w.at(first, port, false)
	case len(t.Masters) > 0:
		return w.at(t.Masters[0], port, false)
	}
	return WebUI{Component: w.Component, Name: w.Name}
}
