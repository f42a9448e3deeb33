package workshop

import (
	"fmt"
	"strings"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/stack"
)

// UIComponents are the components `mesoslab ui` opens, in usage order.
var UIComponents = []string{"mesos", "marathon", "chronos", "dns"}

// UIURL returns the web UI of a component from a probe of the lab: Mesos on
// its elected leader (a standby would only redirect there), Marathon on its
// leader when it maps to a master, else the first that answered, Chronos on
// the first that answered, Mesos-DNS's record listing on the first that
// answered. A component switched off or not answering is an error that
// says so.
func UIURL(rep health.Report, t health.Target, component string) (string, error) {
	p := t.Ports
	switch component {
	case "mesos":
		if !t.Components.Mesos {
			return "", switchedOff(compMesos)
		}
		if rep.Mesos.Leader.Name == "" {
			return "", uiNotAnswering(compMesos, t.Masters, rep, "mesos/leader")
		}
		return stack.BaseURL(rep.Mesos.Leader.Addr, p.MesosMaster) + "/", nil
	case "marathon":
		if !t.Components.Marathon {
			return "", switchedOff(compMarathon)
		}
		for _, m := range rep.Marathon {
			host, _, _ := strings.Cut(m.Leader, ":")
			if n, ok := nodeFor(t.Masters, host); ok && m.Version != "" {
				return stack.BaseURL(n.Addr, p.Marathon) + "/", nil
			}
		}
		for _, m := range rep.Marathon {
			if m.Version != "" {
				return stack.BaseURL(m.Node.Addr, p.Marathon) + "/", nil
			}
		}
		return "", uiNotAnswering(compMarathon, t.Masters, rep, "marathon/")
	case "chronos":
		if !t.Components.Chronos {
			return "", switchedOff(compChronos)
		}
		for _, c := range rep.Chronos {
			if c.API != "" {
				return stack.BaseURL(c.Node.Addr, p.Chronos) + "/", nil
			}
		}
		return "", uiNotAnswering(compChronos, t.Masters, rep, "chronos/")
	case "dns", "mesos-dns":
		if !t.Components.MesosDNS {
			return "", switchedOff(compDNS)
		}
		// Mesos-DNS has no web page; its HTTP API lists every record.
		for _, d := range rep.MesosDNS {
			if d.Version != "" {
				return stack.BaseURL(d.Node.Addr, p.MesosDNSHTTP) + "/v1/enumerate", nil
			}
		}
		return "", uiNotAnswering(compDNS, t.Masters, rep, "mesos-dns/")
	}
	return "", fmt.Errorf("unknown component %q: use one of %s", component, strings.Join(UIComponents, ", "))
}

// uiNotAnswering builds the error from the checks whose ID starts with
// prefix, so it carries the probes' own findings.
func uiNotAnswering(c ComponentError, masters []health.Node, rep health.Report, prefix string) error {
	var tried []string
	for _, ch := range rep.Checks {
		if strings.HasPrefix(ch.ID, prefix) && ch.Status != health.StatusOK {
			tried = append(tried, ch.Finding)
		}
	}
	if len(tried) == 0 {
		tried = []string{"no instance answered"}
	}
	return notAnswering(c, masters, tried)
}

// BrowserCommand is the command that opens url in the desktop's browser.
func BrowserCommand(goos, url string) (name string, args []string) {
	switch goos {
	case "darwin":
		return "open", []string{url}
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", url}
	default:
		return "xdg-open", []string{url}
	}
}

// CanOpenBrowser reports whether a browser can be shown: only from a
// terminal, and on Linux and the BSDs only with an X11 or Wayland display.
func CanOpenBrowser(goos string, getenv func(string) string, terminal bool) bool {
	if !terminal {
		return false
	}
	switch goos {
	case "darwin", "windows":
		return true
	default:
		return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
	}
}
