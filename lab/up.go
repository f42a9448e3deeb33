package lab

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/workshop"
	"github.com/mesoslab/mesoslab/provision"
)

// UpOptions tune a bring-up.
type UpOptions struct {
	// Parallel bounds how many nodes come up at once (default 3).
	Parallel int
	// ProvisionParallel bounds the nodes provisioned at once in a phase;
	// zero is the engine's default.
	ProvisionParallel int
	// Force turns failed host checks into warnings.
	Force bool
	// SkipPreflight leaves the host checks out (tests, and `up` right
	// after `doctor`).
	SkipPreflight bool
	// MachinesOnly stops after the machines are up, before provisioning.
	MachinesOnly bool
	// VerifyWait bounds how long up waits for the lab to pass every
	// check at the end; zero means DefaultVerifyWait.
	VerifyWait time.Duration
	// NoWorkload leaves out the workload check that ends up: a task on
	// each containerizer and one Chronos job run (VerifyWorkload).
	NoWorkload bool
	// Offline downloads nothing: the nodes install only what the lab
	// cache (Backends.Cache) holds, and up refuses to start, listing what
	// is missing, before any machine is built.
	Offline bool
	Report  Reporter
}

// UpResult is what a bring-up did, for the summary and for benchmarks.
type UpResult struct {
	// Provision is the provisioning report; empty when up stopped before.
	Provision provision.Report
	// Health is the last verification; empty when up stopped before.
	Health health.Report
	// Workload is the workload check; empty when up stopped before or
	// NoWorkload left it out.
	Workload workshop.WorkloadReport
	// Took is the wall time of the whole bring-up.
	Took time.Duration
}

// DefaultVerifyWait is how long up waits for a provisioned lab to pass every
// check: agents take a while to register, frameworks to be elected.
const DefaultVerifyWait = 5 * time.Minute

// upStep is one line of the bring-up.
type upStep struct {
	name string
	run  func(ctx context.Context) error
}

// Up builds the lab, or resumes it: every step is safe to repeat, so after a
// failure or Ctrl-C the same command picks up where the last one stopped.
// The lab is recorded only once Vagrant has answered, right before it is
// asked to create anything; an up that fails earlier leaves the disk as it
// found it: no record, no Vagrantfile, no lock file, no folder.
func (l *Lab) Up(ctx context.Context, o UpOptions) (res UpResult, err error) {
	b, p, d := l.Backends, l.Plan, l.Dir
	start := time.Now()
	defer func() { res.Took = time.Since(start) }()
	lock, err := AcquireLock(d, p.Spec.Name, "mesoslab up")
	if err != nil {
		return res, err
	}
	recorded, newVagrantfile := false, !fileExists(d.Vagrantfile())
	defer func() {
		if recorded {
			lock.Release()
			return
		}
		if newVagrantfile {
			os.Remove(d.Vagrantfile())
		}
		lock.Discard()
	}()
	if o.Parallel == 0 {
		o.Parallel = 3
	}
	drv := b.Vagrant(d.Root)
	var states MachineStates

	steps := []upStep{
		// A loopback lab has no machines to build (see Plan.Loopback).
		{"check the subnet", func(ctx context.Context) error { return refuseLoopback(p) }},
		// Refuse a configuration that no longer matches the machines.
		{"compare with the lab as built", func(ctx context.Context) error { return checkDrift(ctx, b, d, p) }},
		// Stop before touching anything on a host that cannot run the lab.
		{"check the host", func(ctx context.Context) error {
			if o.SkipPreflight {
				return nil
			}
			return preflight(ctx, b.Host, p, d, o.Force, o.Report)
		}},
		// Offline, everything the nodes would download must be cached.
		{"check the lab cache for an offline bring-up", func(ctx context.Context) error {
			if !o.Offline {
				return nil
			}
			return checkOffline(b.Cache, p)
		}},
		// Vagrant reads only the Vagrantfile; write it fresh every time.
		{"render the Vagrantfile", func(ctx context.Context) error { return renderInto(d, p) }},
		// One status query for every machine; a Vagrant that cannot answer
		// stops up before anything is recorded.
		{"find the machines", func(ctx context.Context) (err error) {
			states, err = queryStates(ctx, drv)
			return err
		}},
		// Keep what the lab is built from, for status, halt and destroy.
		{"record the lab", func(ctx context.Context) error {
			if err := record(l); err != nil {
				return err
			}
			recorded = true
			return nil
		}},
		// One `vagrant up NODE` per node: first alone, then bounded.
		{"bring the machines up", func(ctx context.Context) error {
			return upMachines(ctx, b, drv, p, d, states, o.Parallel, o.Report)
		}},
		// Go-native provisioning over SSH, phase by phase.
		{"provision the nodes", func(ctx context.Context) error {
			if o.MachinesOnly {
				return nil
			}
			res.Provision, err = provisionNodes(ctx, b, d, p, ProvisionOptions{Parallel: o.ProvisionParallel, Offline: o.Offline, Report: o.Report})
			return err
		}},
		// Prove it: quorum, one leader, every agent, every framework.
		{"verify the cluster", func(ctx context.Context) error {
			if o.MachinesOnly {
				return nil
			}
			// The machines exist now; their addresses must still be the
			// lab network's before five minutes of probes go out.
			if err := checkRoutes(ctx, b.Host, p, p.Nodes); err != nil {
				return err
			}
			wait := o.VerifyWait
			if wait == 0 {
				wait = DefaultVerifyWait
			}
			res.Health, err = l.Verify(ctx, VerifyOptions{Wait: wait, Report: o.Report})
			return err
		}},
		// Run real tasks: services that answer do not prove that the
		// containerizers can launch one (upstream review F2).
		{"run a workload", func(ctx context.Context) error {
			if o.MachinesOnly || o.NoWorkload {
				return nil
			}
			res.Workload, err = l.VerifyWorkload(ctx, res.Health, WorkloadOptions{Report: o.Report})
			return err
		}},
	}
	for _, s := range steps {
		if err := ctx.Err(); err != nil {
			return res, fmt.Errorf("%s: %w", s.name, err)
		}
		if err := s.run(ctx); err != nil {
			return res, fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return res, nil
}

// record writes the lab's spec, and a mesoslab.yaml when the user has none,
// so the next command without flags acts on the same lab.
func record(l *Lab) error {
	d, p := l.Dir, l.Plan
	if l.ConfigFile == "" && !fileExists(d.Config()) {
		data, err := config.InitFile(p.Spec)
		if err != nil {
			return err
		}
		if err := WriteFileAtomic(d.Config(), data, 0o644); err != nil {
			return err
		}
	}
	return SaveSpec(d, p.Spec)
}

// renderInto writes the Vagrantfile only when it changed, so an unchanged
// lab keeps its file's age.
func renderInto(d Dir, p *config.Plan) error {
	var buf bytes.Buffer
	if err := renderVagrantfile(p, &buf); err != nil {
		return err
	}
	if old, err := os.ReadFile(d.Vagrantfile()); err == nil && bytes.Equal(old, buf.Bytes()) {
		return nil
	}
	return WriteFileAtomic(d.Vagrantfile(), buf.Bytes(), 0o644)
}
