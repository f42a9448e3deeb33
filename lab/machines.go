package lab

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/doctor"
	"github.com/mesoslab/mesoslab/lab/seconds"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/vagrant"
)

// upMachines brings every node that is not running up, given the states
// Vagrant reported: the first one alone on a fresh lab (it imports the box
// and creates the linked-clone base, which VirtualBox cannot do
// concurrently), then the rest, masters first, at most parallel at a time.
// Running nodes are skipped, so a second up does no Vagrant work beyond the
// status query. A failed node does not stop the others; every failure is
// returned together.
func upMachines(ctx context.Context, b Backends, drv vagrant.Driver, p *config.Plan, d Dir, states MachineStates, parallel int, report Reporter) error {
	var todo []config.Node
	fresh := true
	for _, n := range p.Nodes {
		m := states[n.Name]
		if m.Created() {
			fresh = false
		}
		if m.Running() {
			report.emit(Event{Stage: StageMachines, Node: n.Name, Status: EventSkipped, Message: "already running"})
			continue
		}
		todo = append(todo, n)
	}
	if len(todo) == 0 {
		return nil
	}
	if err := repairNetwork(ctx, b, p, states, report); err != nil {
		return err
	}
	run := func(n config.Node) *NodeError { return upMachine(ctx, drv, p, d, n, states[n.Name], report) }
	if fresh {
		if err := run(todo[0]); err != nil {
			return NodeErrors{err} // the others would fail on the same box or network
		}
		todo = todo[1:]
	}
	return eachNode(ctx, todo, max(parallel, 1), run)
}

// repairNetwork puts back the private network of a container lab whose
// stopped containers lost it to another lab's destroy (see
// vagrant.EnsureDockerNetwork); with nothing created yet Vagrant makes it.
func repairNetwork(ctx context.Context, b Backends, p *config.Plan, states MachineStates, report Reporter) error {
	if p.Spec.Provider != vagrant.ProviderDocker || b.DockerNetwork == nil {
		return nil
	}
	members := map[string]string{}
	for _, n := range p.Nodes {
		if states[n.Name].Created() {
			members["mesoslab-"+p.Spec.Name+"-"+n.Name] = n.IP.String()
		}
	}
	if len(members) == 0 {
		return nil
	}
	repaired, err := b.DockerNetwork(ctx, p.NetworkSubnet(), members)
	if repaired {
		report.emit(Event{Stage: StageMachines, Status: EventProgress, Phase: "network",
			Message: "re-created the lab network " + vagrant.DockerNetworkName(p.NetworkSubnet()) + ", removed by another lab's destroy"})
	}
	return err
}

// upMachine runs `vagrant up NODE`, streaming its phases as events and its
// whole output into logs/NODE.log.
func upMachine(ctx context.Context, drv vagrant.Driver, p *config.Plan, d Dir, n config.Node, before vagrant.MachineStatus, report Reporter) *NodeError {
	start := time.Now()
	verb := "creating"
	if before.Created() {
		verb = "starting (was " + before.State + ")"
	}
	report.emit(Event{Stage: StageMachines, Node: n.Name, Status: EventStart, Phase: verb})
	log, err := openNodeLog(d, n.Name, "vagrant up "+n.Name)
	if err != nil {
		return &NodeError{Node: n.Name, Step: "vagrant up", Err: err}
	}
	defer log.Close()
	err = drv.Up(ctx, n.Name, p.Spec.Provider, func(e vagrant.Event) {
		if e.Kind == vagrant.KindRaw {
			log.line(e.Data)
			return
		}
		if ph := e.Phase(); ph != "" {
			report.emit(Event{Stage: StageMachines, Node: n.Name, Status: EventProgress, Phase: ph, Elapsed: seconds.Duration(time.Since(start))})
		}
	})
	elapsed := time.Since(start)
	if err != nil {
		ne := &NodeError{Node: n.Name, Step: "vagrant up", Log: log.path, Tail: log.lastLines(), Err: err}
		if !errors.Is(err, context.Canceled) {
			text := strings.Join(ne.Tail, "\n") + "\n" + err.Error()
			var ve *vagrant.Error
			if errors.As(err, &ve) {
				text += "\n" + ve.Message
			}
			if k, ok := doctor.MatchKnownError(text); ok {
				ne.Advice = fmt.Sprintf("%s: %s. Fix: %s", k.ID, k.Explanation, k.Fix)
			}
		}
		report.emit(Event{Stage: StageMachines, Node: n.Name, Status: EventFailed, Message: err.Error(), Elapsed: seconds.Duration(elapsed)})
		return ne
	}
	if !before.Created() {
		// A new machine has new host keys; forget the old node's, so a lab
		// re-created by mesoslab never trips over them.
		if err := provision.ForgetHost(d.KnownHosts(), net.JoinHostPort("127.0.0.1", strconv.Itoa(n.SSHPort))); err != nil {
			return &NodeError{Node: n.Name, Step: "forget old host key", Err: err}
		}
	}
	report.emit(Event{Stage: StageMachines, Node: n.Name, Status: EventDone, Message: "running", Elapsed: seconds.Duration(elapsed)})
	return nil
}
