package provision

import "reflect"

// nodeChanges remembers which steps changed (or would change, in a dry run)
// on one node during one Run, across phases, to trigger Reactors. Only the
// goroutine working on the node touches it.
type nodeChanges struct{ changed []Step }

func (c *nodeChanges) record(s Step, o Outcome) {
	if o == Changed || o == WouldChange {
		c.changed = append(c.changed, s)
	}
}

// triggers reports whether s is a Reactor and one of the steps it watches
// has changed on this node.
func (c *nodeChanges) triggers(s Step) bool {
	r, ok := s.(Reactor)
	if !ok {
		return false
	}
	for _, w := range r.Watches() {
		for _, done := range c.changed {
			if sameStep(w, done) {
				return true
			}
		}
	}
	return false
}

// sameStep compares steps by identity. Steps are usually pointers; a step
// type that cannot be compared (a struct holding a slice) is never "the
// same", rather than making == panic.
func sameStep(a, b Step) bool {
	ta := reflect.TypeOf(a)
	return ta == reflect.TypeOf(b) && ta != nil && ta.Comparable() && a == b
}
