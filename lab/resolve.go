package lab

import (
	"github.com/mesoslab/mesoslab/lab/config"
)

// ResolveOptions are the configuration sources of one command, in the order
// they apply: defaults, mesoslab.yaml, MESOSLAB_* variables, flags.
type ResolveOptions struct {
	// Home is $MESOSLAB_HOME (see Home).
	Home string
	// Lab is the --lab flag ("" when not given).
	Lab string
	// ConfigPath is --config; empty means the lab directory's mesoslab.yaml
	// when it exists.
	ConfigPath string
	// Env looks up environment variables (os.LookupEnv).
	Env func(string) (string, bool)
	// Flags are the overrides given on the command line.
	Flags config.Overrides
}

// Resolved is a configuration with every source applied, and where it lives.
type Resolved struct {
	Spec config.Spec
	Dir  Dir
	// ConfigFile is the mesoslab.yaml that was read, if any.
	ConfigFile string
}

// Resolve applies every configuration source and reports every problem of
// the sources themselves (unreadable file, unknown key, bad variable). The
// result is not validated yet: NewPlan does that.
func Resolve(o ResolveOptions) (Resolved, error) {
	spec := config.Default()
	if o.Env == nil {
		o.Env = func(string) (string, bool) { return "", false }
	}
	var ps []config.Problem
	if o.Lab != "" {
		spec.Name = o.Lab
		if !config.ValidLabName(o.Lab) {
			return Resolved{}, &config.ValidationError{Problems: []config.Problem{{Key: "--lab", Value: o.Lab,
				Message: "not a valid lab name", Fix: "use lower-case letters, digits and '-', e.g. workshop"}}}
		}
	}
	path := o.ConfigPath
	if path == "" {
		if p := DirFor(o.Home, spec.Name).Config(); fileExists(p) {
			path = p
		}
	}
	if path != "" {
		loaded, err := config.LoadFile(path, spec)
		if err != nil {
			return Resolved{}, err
		}
		if o.Lab != "" && loaded.Name != o.Lab {
			ps = append(ps, config.Problem{Key: "name", Value: loaded.Name, Source: path,
				Message: "the file names another lab than --lab " + o.Lab, Fix: "remove `name` from the file or pass --lab " + loaded.Name})
		}
		spec = loaded
	}
	env, err := config.EnvOverrides(o.Env)
	if err != nil {
		ps = append(ps, err.(*config.ValidationError).Problems...)
	}
	env.Apply(&spec)
	o.Flags.Apply(&spec)
	if !config.ValidLabName(spec.Name) {
		ps = append(ps, config.Problem{Key: "name", Value: spec.Name, Source: path,
			Message: "not a valid lab name", Fix: "use lower-case letters, digits and '-', e.g. workshop"})
	}
	if len(ps) > 0 {
		return Resolved{}, config.AsError(ps)
	}
	dir := DirFor(o.Home, spec.Name)
	if _, built, _ := LoadSpec(dir); !built {
		if spec, err = AvoidCollisions(o.Home, spec, setBy(path, env, o.Flags)); err != nil {
			return Resolved{}, err
		}
	}
	return Resolved{Spec: spec, Dir: dir, ConfigFile: path}, nil
}
