package vagrant

import (
	"strconv"
	"strings"
	"time"
)

// unescaper undoes Vagrant's machine-readable escaping (lib/vagrant/ui.rb):
// commas inside a field become %!(VAGRANT_COMMA), newlines \n and returns \r.
var unescaper = strings.NewReplacer(`%!(VAGRANT_COMMA)`, ",", `\n`, "\n", `\r`, "\r")

// parseLine parses one `timestamp,target,type,data...` line. ok is false for
// anything else (Ruby warnings, stack traces, human output), which callers
// keep as raw lines.
func parseLine(line string) (e Event, ok bool) {
	parts := strings.Split(line, ",")
	if len(parts) < 3 {
		return Event{}, false
	}
	sec, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || sec < 0 || parts[2] == "" || strings.ContainsAny(parts[2], " \t") {
		return Event{}, false
	}
	e = Event{Time: time.Unix(sec, 0), Node: parts[1], Kind: parts[2]}
	for _, f := range parts[3:] {
		e.Fields = append(e.Fields, unescaper.Replace(f))
	}
	switch {
	case (e.Kind == KindUI || e.Kind == KindErrorExit) && len(e.Fields) > 0:
		e.Data = e.Fields[len(e.Fields)-1]
	default:
		e.Data = strings.Join(e.Fields, ",")
	}
	return e, true
}
