package main

import (
	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/doctor"
	"github.com/urfave/cli/v2"
)

// resolve applies the configuration sources of this invocation.
func resolve(c *cli.Context, s streams) (lab.Resolved, error) {
	home, err := lab.Home(s.getenv)
	if err != nil {
		return lab.Resolved{}, err
	}
	return lab.Resolve(lab.ResolveOptions{
		Home:       home,
		Lab:        s.common(c, "lab"),
		ConfigPath: s.common(c, "config"),
		Env:        s.LookupEnv,
		Flags:      flagOverrides(c),
	})
}

// resolvePlan resolves the configuration and derives its validated plan.
func resolvePlan(c *cli.Context, s streams) (lab.Resolved, *config.Plan, error) {
	r, err := resolve(c, s)
	if err != nil {
		return r, nil, err
	}
	p, err := config.NewPlanWith(r.Spec, validateOptions(c))
	return r, p, err
}

// validateOptions brings in the host-only ranges this host's VirtualBox
// allows, so a subnet listed in /etc/vbox/networks.conf is accepted.
func validateOptions(c *cli.Context) config.ValidateOptions {
	return config.ValidateOptions{HostOnlyRanges: doctor.HostOnlyRanges(c.Context, doctor.NewSystemHost())}
}

// existingPlan is the plan of the lab as built, from its record, for the
// commands that act on what exists (status, halt, destroy, ssh); a lab not
// built yet falls back to the configuration.
func existingPlan(c *cli.Context, s streams) (lab.Resolved, *config.Plan, error) {
	home, err := lab.Home(s.getenv)
	if err != nil {
		return lab.Resolved{}, nil, err
	}
	name := s.common(c, "lab")
	if name == "" {
		name = config.DefaultName
	}
	if s.common(c, "config") == "" {
		d := lab.DirFor(home, name)
		spec, ok, err := lab.LoadSpec(d)
		if err != nil {
			return lab.Resolved{}, nil, err
		}
		if ok {
			p, err := config.NewPlanWith(spec, validateOptions(c))
			return lab.Resolved{Spec: spec, Dir: d}, p, err
		}
	}
	return resolvePlan(c, s)
}
