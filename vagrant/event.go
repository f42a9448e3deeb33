package vagrant

import (
	"strings"
	"time"
)

// Event kinds the driver itself produces or looks for. The other kinds are
// Vagrant's machine-readable types as printed: "metadata", "action",
// "state", "provider-name", "state-human-short", "version-installed", ...
const (
	// KindRaw is a line exactly as vagrant printed it, whatever it is:
	// machine-readable lines, Ruby warnings and stack traces alike.
	KindRaw = "raw"
	// KindUI is a message for the user; Fields[0] is its level
	// (info, output, detail, warn, error, success).
	KindUI = "ui"
	// KindErrorExit is Vagrant's last word before a non-zero exit;
	// Fields are the Ruby error class and the message.
	KindErrorExit = "error-exit"
)

// Event is one line of vagrant output.
type Event struct {
	// Time is Vagrant's timestamp (whole seconds) for machine-readable lines,
	// and when the line was read for raw ones.
	Time time.Time
	// Node is the machine the line is about: Vagrant's target, or the node
	// the command runs for when Vagrant leaves the target empty.
	Node string
	// Kind is KindRaw or Vagrant's machine-readable type.
	Kind string
	// Data is the line's text: the message for ui and error-exit lines, the
	// whole line for raw ones, and the data fields joined by commas otherwise.
	Data string
	// Fields are the unescaped data fields of a machine-readable line.
	Fields []string
}

// phases maps the start of a ui message to the short phase mesoslab shows
// on a node's progress line. Messages are Vagrant's English templates
// (VirtualBox and docker providers); unknown ones keep the previous phase.
var phases = []struct{ prefix, phase string }{
	{"Box '", "downloading box"},
	{"Adding box", "downloading box"},
	{"Downloading:", "downloading box"},
	{"Importing base box", "importing box"},
	{"Cloning VM", "importing box"},
	{"Checking if box", "checking box"},
	{"Setting the name of the VM", "creating VM"},
	{"Creating the container", "creating container"},
	{"Creating and configuring docker networks", "configuring network"},
	{"Enabling network interfaces", "configuring network"},
	{"Configuring and enabling network interfaces", "configuring network"},
	{"Clearing any previously set network interfaces", "configuring network"},
	{"Preparing network interfaces", "configuring network"},
	{"Matching MAC address", "configuring network"},
	{"Clearing any previously set forwarded ports", "forwarding ports"},
	{"Forwarding ports", "forwarding ports"},
	{"Fixed port collision", "forwarding ports"},
	{"Running 'pre-boot' VM customizations", "booting"},
	{"Booting VM", "booting"},
	{"Starting container", "starting container"},
	{"Waiting for machine to boot", "waiting for SSH"},
	{"Vagrant insecure key detected", "replacing SSH key"},
	{"Inserting generated public key", "replacing SSH key"},
	{"Machine booted and ready", "booted"},
	{"Checking for guest additions", "checking guest additions"},
	{"Setting hostname", "setting hostname"},
	{"Mounting shared folders", "mounting shared folders"},
	{"Rsyncing folder", "syncing folders"},
	{"Attempting graceful shutdown", "stopping"},
	{"Forcing shutdown", "stopping"},
	{"Stopping container", "stopping"},
	{"Destroying VM", "destroying"},
	{"Deleting the container", "destroying"},
	{"Removing network", "removing network"},
	{"Waiting for cleanup before exiting", "cleaning up"},
}

// Phase turns a ui line into a short phase for a progress line, such as
// "creating container", "booting", "waiting for SSH", "configuring network",
// "setting hostname" or "importing box". It returns "" for every other line,
// which leaves the phase shown unchanged.
func (e Event) Phase() string {
	if e.Kind != KindUI {
		return ""
	}
	msg := stripNodePrefix(e.Data)
	for _, p := range phases {
		if strings.HasPrefix(msg, p.prefix) {
			return p.phase
		}
	}
	return ""
}

// stripNodePrefix drops Vagrant's "==> NODE: " (header) or "    NODE: "
// (detail) prefix, and the blank first line some detail messages start with.
func stripNodePrefix(msg string) string {
	for range 2 {
		msg = strings.TrimPrefix(strings.TrimLeft(msg, " \n"), "==> ")
		i := strings.Index(msg, ": ")
		if i <= 0 || strings.ContainsAny(msg[:i], " '") {
			break
		}
		msg = msg[i+2:]
	}
	return strings.TrimLeft(msg, " \n")
}
