package lab

import (
	"context"
	"io"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/doctor"
	"github.com/mesoslab/mesoslab/lab/health"
)

// Lab is one lab as a command acts on it: its validated plan (whose Spec
// is the configuration with every source applied), the directory it lives
// in, and the outside world that builds it. Open and OpenExisting make one;
// the operations (Up, Provision, Halt, Destroy, Status, Overview, ...) are
// its methods.
type Lab struct {
	// Plan is the validated plan; Plan.Spec is the resolved configuration.
	Plan *config.Plan
	// Dir is the lab's directory under $MESOSLAB_HOME.
	Dir Dir
	// ConfigFile is the mesoslab.yaml that was read, if any.
	ConfigFile string
	// Backends are Vagrant, the host and SSH.
	Backends Backends
}

// OpenOptions say where a command finds its lab: the configuration
// sources, and the outside world the lab will be driven through.
type OpenOptions struct {
	ResolveOptions
	// Backends are handed to the Lab. Their Host also tells validation
	// which host-only ranges this host's VirtualBox allows
	// (/etc/vbox/networks.conf); a nil Host allows VirtualBox's default.
	Backends Backends
}

// Open resolves the configuration (see Resolve) and validates its plan:
// the lab as the sources describe it, for the commands that build or
// describe one (up, plan, doctor, render). Every problem of the sources or
// of the spec comes back as one *config.ValidationError.
func Open(ctx context.Context, o OpenOptions) (*Lab, error) {
	r, err := Resolve(o.ResolveOptions)
	if err != nil {
		return nil, err
	}
	p, err := config.NewPlanWith(r.Spec, validateOptions(ctx, o.Backends))
	if err != nil {
		return nil, err
	}
	return &Lab{Plan: p, Dir: r.Dir, ConfigFile: r.ConfigFile, Backends: o.Backends}, nil
}

// OpenExisting opens the lab as it was built, from its record, for the
// commands that act on what exists (status, halt, destroy, ssh, logs,
// provision, verify): editing mesoslab.yaml afterwards does not change
// which machines they act on. A lab not built yet, or a --config given
// explicitly, falls back to Open.
func OpenExisting(ctx context.Context, o OpenOptions) (*Lab, error) {
	name := o.Lab
	if name == "" {
		name = config.DefaultName
	}
	if o.ConfigPath == "" {
		d := DirFor(o.Home, name)
		spec, ok, err := LoadSpec(d)
		if err != nil {
			return nil, err
		}
		if ok {
			p, err := config.NewPlanWith(spec, validateOptions(ctx, o.Backends))
			if err != nil {
				return nil, err
			}
			return &Lab{Plan: p, Dir: d, Backends: o.Backends}, nil
		}
	}
	return Open(ctx, o)
}

// Name is the lab's name.
func (l *Lab) Name() string { return l.Plan.Spec.Name }

// HealthTarget is the lab as the health probes see it: every node, the
// components switched on and the ports the recipes configure.
func (l *Lab) HealthTarget() health.Target { return healthTarget(l.Plan) }

// DoctorLab is what the host checks need to know of the lab.
func (l *Lab) DoctorLab() doctor.Lab { return doctorLab(l.Plan, l.Dir) }

// Phases lists the provisioning phases the plan's components need, in the
// order they run: what `plan` shows is what `provision` runs.
func (l *Lab) Phases() []Phase { return phases(l.Plan) }

// RenderVagrantfile writes the lab's Vagrantfile to w.
func (l *Lab) RenderVagrantfile(w io.Writer) error { return renderVagrantfile(l.Plan, w) }

// URLs are the web UIs of the lab's components that answered in r.
func (l *Lab) URLs(r health.Report) []URL { return URLs(l.Plan, r) }

// CheckLogs refuses a node or unit the lab does not have, before any
// connection is made.
func (l *Lab) CheckLogs(o LogsOptions) error { return checkLogs(l.Plan, o) }

// Recorded checks, asking nothing, that an up recorded the lab and rendered
// its Vagrantfile, as a command that hands a node to Vagrant itself (ssh)
// needs; otherwise it is a *NotExistError.
func (l *Lab) Recorded() error { return checkRecorded(l.Dir, l.Name()) }

// validateOptions brings in the host-only ranges this host's VirtualBox
// allows, so a subnet listed in /etc/vbox/networks.conf is accepted.
func validateOptions(ctx context.Context, b Backends) config.ValidateOptions {
	if b.Host == nil {
		return config.ValidateOptions{}
	}
	return config.ValidateOptions{HostOnlyRanges: doctor.HostOnlyRanges(ctx, b.Host)}
}
