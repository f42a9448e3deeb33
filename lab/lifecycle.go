package lab

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/mesoslab/mesoslab/lab/config"
)

// Halt stops the running nodes gracefully: agents first, so no task is
// left without a master to report to, then masters. A lab never built is
// a *NotExistError, and halt leaves no trace of it on disk.
func (l *Lab) Halt(ctx context.Context, report Reporter) error {
	b, d, p := l.Backends, l.Dir, l.Plan
	if !fileExists(d.Vagrantfile()) {
		// Checked before the lock, which would create the lab's folder.
		return &NotExistError{Lab: p.Spec.Name}
	}
	lock, err := AcquireLock(d, p.Spec.Name, "mesoslab halt")
	if err != nil {
		return err
	}
	defer lock.Release()
	states, err := createdMachines(ctx, b, d, p.Spec.Name)
	if err != nil {
		return err
	}
	drv := b.Vagrant(d.Root)
	for _, group := range [][]config.Node{p.Agents(), p.Masters()} {
		err := eachNode(ctx, group, 3, func(n config.Node) *NodeError {
			if !states[n.Name].Running() {
				report.emit(Event{Stage: "halt", Node: n.Name, Status: EventSkipped, Message: "not running (" + string(states.of(n.Name)) + ")"})
				return nil
			}
			report.emit(Event{Stage: "halt", Node: n.Name, Status: EventStart, Phase: "stopping"})
			if err := drv.Halt(ctx, n.Name); err != nil {
				report.emit(Event{Stage: "halt", Node: n.Name, Status: EventFailed, Message: err.Error()})
				return &NodeError{Node: n.Name, Step: "vagrant halt", Err: err}
			}
			report.emit(Event{Stage: "halt", Node: n.Name, Status: EventDone, Message: "stopped"})
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Destroy removes every machine and the lab's state (Vagrantfile, the
// record, known_hosts, .vagrant, the lock), keeping the user's
// mesoslab.yaml and the logs, and the lab's folder when nothing is left.
// It is idempotent, and it cleans up after an up that failed before
// Vagrant made a machine even when Vagrant cannot be asked.
func (l *Lab) Destroy(ctx context.Context, report Reporter) error {
	b, d, p := l.Backends, l.Dir, l.Plan
	if !d.Exists() {
		return nil
	}
	lock, err := AcquireLock(d, p.Spec.Name, "mesoslab destroy")
	if err != nil {
		return err
	}
	defer lock.Release()
	if fileExists(d.Vagrantfile()) {
		drv, states, err := askVagrant(ctx, b, d)
		if err != nil {
			if d.hasMachineIDs() {
				return err // machines may exist: keep the Vagrantfile that names them
			}
			report.emit(Event{Stage: "destroy", Status: EventSkipped,
				Message: "Vagrant could not be asked and .vagrant records no machine: removing only mesoslab's files (" + err.Error() + ")"})
			states = MachineStates{}
		}
		err = eachNode(ctx, p.Nodes, 3, func(n config.Node) *NodeError {
			if !states[n.Name].Created() {
				report.emit(Event{Stage: "destroy", Node: n.Name, Status: EventSkipped, Message: "not created"})
				return nil
			}
			report.emit(Event{Stage: "destroy", Node: n.Name, Status: EventStart, Phase: "destroying"})
			if err := drv.Destroy(ctx, n.Name); err != nil {
				report.emit(Event{Stage: "destroy", Node: n.Name, Status: EventFailed, Message: err.Error()})
				return &NodeError{Node: n.Name, Step: "vagrant destroy", Err: err}
			}
			report.emit(Event{Stage: "destroy", Node: n.Name, Status: EventDone, Message: "destroyed"})
			return nil
		})
		if err != nil {
			return err
		}
	}
	var errs []error
	for _, path := range []string{d.Vagrantfile(), d.ResolvedSpec(), d.KnownHosts(), filepath.Join(d.Root, ".vagrant"), d.Lock()} {
		if err := os.RemoveAll(path); err != nil {
			errs = append(errs, err)
		}
	}
	_ = os.Remove(d.Root) // only when empty: no mesoslab.yaml, no logs
	return errors.Join(errs...)
}
