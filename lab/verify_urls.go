package lab

import (
	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/health"
)

// URL is one web interface of the lab.
type URL struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// URLs lists the web interfaces of the switched-on components, chosen from
// r by health.WebUIs, the chooser `mesoslab ui` opens too: Mesos on the
// leader, Marathon on its own leader, Chronos and Mesos-DNS's record listing
// on the first master whose instance answered. With no answer they point at
// the first master that answered at all, else the first master.
func URLs(p *config.Plan, r health.Report) []URL {
	var out []URL
	for _, w := range health.WebUIs(r, healthTarget(p)) {
		out = append(out, URL{Name: w.Name, URL: w.URL})
	}
	return out
}
