package main

import (
	"github.com/mesoslab/mesoslab/lab"
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
		Lab:        common(c, "lab"),
		ConfigPath: common(c, "config"),
		Env:        s.LookupEnv,
		Flags:      flagOverrides(c),
	})
}

// resolvePlan resolves the configuration and derives its validated plan.
func resolvePlan(c *cli.Context, s streams) (lab.Resolved, *lab.Plan, error) {
	r, err := resolve(c, s)
	if err != nil {
		return r, nil, err
	}
	p, err := lab.NewPlan(r.Spec)
	return r, p, err
}
