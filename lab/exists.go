package lab

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/mesoslab/mesoslab/vagrant"
)

// NotExistError is a lab with nothing built to act on: never brought up,
// destroyed, or an up that failed before Vagrant created a machine.
type NotExistError struct {
	Lab string
	// Why is said after the message when the lab was not simply never
	// built: an up recorded it, yet no machine exists.
	Why string
}

func (e *NotExistError) Error() string {
	msg := fmt.Sprintf("lab %q does not exist: run `mesoslab up` to build it", e.Lab)
	if e.Why != "" {
		msg += " (" + e.Why + ")"
	}
	return msg
}

// createdMachines returns the states of the lab's machines that Vagrant has created,
// or a *NotExistError when there are none: no record of the lab, no
// Vagrantfile, or Vagrant knows no machine of it. When Vagrant cannot be
// asked, a lab whose .vagrant folder holds no machine id has none either;
// otherwise the failure is returned, since machines may exist.
func createdMachines(ctx context.Context, b Backends, d Dir, lab string) (MachineStates, error) {
	if err := checkRecorded(d, lab); err != nil {
		return nil, err
	}
	_, states, err := askVagrant(ctx, b, d)
	if err != nil {
		if !d.hasMachineIDs() {
			return nil, &NotExistError{Lab: lab, Why: "Vagrant could not be asked, and .vagrant records no machine: " + err.Error()}
		}
		return nil, fmt.Errorf("cannot tell which machines of lab %q exist: %w", lab, err)
	}
	created := MachineStates{}
	for name, st := range states {
		if st.Created() {
			created[name] = st
		}
	}
	if len(created) == 0 {
		return nil, &NotExistError{Lab: lab, Why: "Vagrant has created none of its machines"}
	}
	return created, nil
}

// checkRecorded is what a command that hands a node to Vagrant itself (ssh)
// checks, asking nothing: an up recorded the lab and rendered its
// Vagrantfile. Otherwise it is a *NotExistError.
func checkRecorded(d Dir, lab string) error {
	if _, ok, err := LoadSpec(d); err != nil {
		return err
	} else if !ok {
		return &NotExistError{Lab: lab}
	}
	if !fileExists(d.Vagrantfile()) {
		return &NotExistError{Lab: lab}
	}
	return nil
}

// askVagrant returns the lab's driver and its machines' states.
func askVagrant(ctx context.Context, b Backends, d Dir) (vagrant.Driver, MachineStates, error) {
	if b.Vagrant == nil {
		return nil, nil, errors.New("Vagrant is not available")
	}
	drv := b.Vagrant(d.Root)
	states, err := queryStates(ctx, drv)
	return drv, states, err
}

// hasMachineIDs reports whether Vagrant's own folder records a machine:
// it writes .vagrant/machines/NODE/PROVIDER/id when it creates one and
// removes it when the machine is destroyed.
func (d Dir) hasMachineIDs() bool {
	ids, _ := filepath.Glob(filepath.Join(d.Root, ".vagrant", "machines", "*", "*", "id"))
	return len(ids) > 0
}
