package provision

import "strings"

// Keeps is what a step keeps on its node. Tools other than the engine read
// it from the step values themselves (`mesoslab logs` collects the journal
// of every unit and a copy of every file), so their lists cannot drift from
// the recipes.
type Keeps struct {
	// Files are the text files the step writes, by absolute path. A Secret
	// file is left out: its content must not leave the node.
	Files []string
	// Units are the systemd units the step keeps enabled or running; a
	// unit it keeps stopped and disabled is not the lab's.
	Units []string
	// Packages are the Debian packages the step installs, without a
	// pinned version.
	Packages []string
}

// Keeper is a step that says what it keeps. File, Service and Package
// steps are Keepers, and so are the recipes' own file steps.
type Keeper interface {
	Keeps() Keeps
}

// Keeps returns the file, unless it is secret.
func (f *fileStep) Keeps() Keeps {
	if f.spec.Secret {
		return Keeps{}
	}
	return Keeps{Files: []string{f.spec.Path}}
}

// Keeps returns the unit when it is wanted enabled or running.
func (s *serviceStep) Keeps() Keeps {
	if !s.spec.Enabled && !s.spec.Running {
		return Keeps{}
	}
	return Keeps{Units: []string{s.spec.Name}}
}

// Keeps returns the package names.
func (p *pkgStep) Keeps() Keeps {
	var k Keeps
	for _, n := range p.spec.Names {
		name, _, _ := strings.Cut(n, "=")
		k.Packages = append(k.Packages, name)
	}
	return k
}

// Keeps returns the file written in place.
func (f *inPlaceFile) Keeps() Keeps { return Keeps{Files: []string{f.path}} }
