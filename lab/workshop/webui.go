package workshop

import (
	"fmt"
	"strings"

	"github.com/mesoslab/mesoslab/lab/health"
)

// UIComponents are the components `mesoslab ui` opens, in usage order.
var UIComponents = []string{health.WebUIMesos, health.WebUIMarathon, health.WebUIChronos, health.WebUIMesosDNS}

// uiComponents name each component's switch, unit and check prefix.
var uiComponents = map[string]struct {
	err    ComponentError
	on     func(health.Components) bool
	checks string
}{
	health.WebUIMesos:    {compMesos, func(c health.Components) bool { return c.Mesos }, "mesos/leader"},
	health.WebUIMarathon: {compMarathon, func(c health.Components) bool { return c.Marathon }, "marathon/"},
	health.WebUIChronos:  {compChronos, func(c health.Components) bool { return c.Chronos }, "chronos/"},
	health.WebUIMesosDNS: {compDNS, func(c health.Components) bool { return c.MesosDNS }, "mesos-dns/"},
}

// UIURL returns the web UI of a component from a probe of the lab, as
// health.ChooseWebUI picks it (the same choice `mesoslab status` prints).
// A component switched off, or with no instance that answered as the
// choice needs, is an error that says so.
func UIURL(rep health.Report, t health.Target, component string) (string, error) {
	if component == "mesos-dns" {
		component = health.WebUIMesosDNS
	}
	c, known := uiComponents[component]
	if !known {
		return "", fmt.Errorf("unknown component %q: use one of %s", component, strings.Join(UIComponents, ", "))
	}
	if !c.on(t.Components) {
		return "", switchedOff(c.err)
	}
	w := health.ChooseWebUI(rep, t, component)
	if !w.Answered {
		return "", uiNotAnswering(c.err, t.Masters, rep, c.checks)
	}
	return w.URL, nil
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
