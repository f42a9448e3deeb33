// Package mesoslab holds what the repository root owns: the Vagrantfile
// template, embedded so that the binary carries it wherever it is installed.
package mesoslab

import _ "embed"

// VagrantfileTemplate is Vagrantfile.tmpl, the text/template that package
// vagrant renders for a lab.
//
//go:embed Vagrantfile.tmpl
var VagrantfileTemplate string
