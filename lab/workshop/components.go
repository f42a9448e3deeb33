package workshop

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/mesoslab/mesoslab/lab/health"
)

// ErrSwitchedOff is matched (errors.Is) by the error about a component the
// lab's configuration switched off.
var ErrSwitchedOff = errors.New("component switched off")

// ComponentError says that a component the workshop needs is switched off
// or does not answer on any master, with what each master answered.
type ComponentError struct {
	// Component is the human name: Marathon, Chronos, Mesos-DNS, Mesos.
	Component string
	// Key is its switch in mesoslab.yaml, such as components.marathon.
	Key string
	// Unit is its systemd unit, for the journal hint.
	Unit string
	// Off is true when the configuration switched it off.
	Off bool
	// Tried lists each master asked and its answer.
	Tried []string
	// Node is the first node tried, for the journal hint.
	Node string
}

// Error says what is off or silent and where to look.
func (e *ComponentError) Error() string {
	if e.Off {
		return fmt.Sprintf("%s is switched off in this lab (%s: false); set it to true in mesoslab.yaml and run `mesoslab up`",
			e.Component, e.Key)
	}
	msg := fmt.Sprintf("%s does not answer on any master: %s", e.Component, strings.Join(e.Tried, "; "))
	if e.Node != "" {
		msg += fmt.Sprintf("; see `mesoslab ssh %s -- sudo journalctl -u %s` and `mesoslab status`", e.Node, e.Unit)
	}
	return msg
}

// Is makes errors.Is(err, ErrSwitchedOff) true for a switched-off component.
func (e *ComponentError) Is(target error) bool { return target == ErrSwitchedOff && e.Off }

// The components the workshop uses, with their switches and units.
var (
	compMesos    = ComponentError{Component: "Mesos", Key: "components.mesos", Unit: "mesos-master"}
	compMarathon = ComponentError{Component: "Marathon", Key: "components.marathon", Unit: "marathon"}
	compChronos  = ComponentError{Component: "Chronos", Key: "components.chronos", Unit: "chronos"}
	compDNS      = ComponentError{Component: "Mesos-DNS", Key: "components.mesos_dns", Unit: "mesos-dns"}
)

// switchedOff returns the error for a component the configuration left out.
func switchedOff(c ComponentError) error {
	c.Off = true
	return &c
}

// notAnswering returns the error for a component no master answered for.
func notAnswering(c ComponentError, masters []health.Node, tried []string) error {
	c.Tried = tried
	if len(masters) > 0 {
		c.Node = masters[0].Name
	}
	return &c
}

// where names a node and the address asked, for messages.
func where(n health.Node, port int) string {
	return fmt.Sprintf("%s (%s)", n.Name, net.JoinHostPort(n.Addr, strconv.Itoa(port)))
}
