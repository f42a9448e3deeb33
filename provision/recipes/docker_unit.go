package recipes

import (
	"strings"

	"github.com/mesoslab/mesoslab/provision"
)

// envVar is one environment variable of a unit or container.
type envVar struct{ name, value string }

// containerUnit is a framework that runs from an image under systemd.
type containerUnit struct {
	name        string // unit and container name
	description string
	image       string
	env         []envVar
	args        []string // after the image, for its entrypoint
}

// containerUnitFile returns the File step of a unit that runs u with
// `docker run --rm --net=host`: host networking, so that Mesos reaches the
// scheduler's libprocess endpoint at LIBPROCESS_IP; systemd restarts it,
// and a container left over from a crash is removed first.
func containerUnitFile(u containerUnit) provision.Step {
	var b strings.Builder
	b.WriteString("# Written by mesoslab: " + u.description + " in a container on the host network,\n" +
		"# so that Mesos reaches the scheduler at LIBPROCESS_IP.\n")
	b.WriteString("[Unit]\nDescription=" + u.description + " (mesoslab)\nAfter=docker.service\nRequires=docker.service\n\n")
	b.WriteString("[Service]\nExecStartPre=-/usr/bin/docker rm -f " + u.name + "\n")
	b.WriteString("ExecStart=/usr/bin/docker run --rm --name " + u.name + " --net=host")
	for _, e := range u.env {
		b.WriteString(" \\\n    -e " + systemdArg(e.name+"="+e.value))
	}
	b.WriteString(" \\\n    " + systemdArg(u.image))
	for _, a := range u.args {
		b.WriteString(" " + systemdArg(a))
	}
	b.WriteString("\nExecStop=/usr/bin/docker stop " + u.name + "\nRestart=always\nRestartSec=10\n\n")
	b.WriteString("[Install]\nWantedBy=multi-user.target\n")
	return provision.File(provision.FileSpec{
		Path: "/etc/systemd/system/" + u.name + ".service", Content: []byte(b.String()), Mode: 0o644, Owner: "root:root",
	})
}

// systemdPlain reports whether s needs no quoting in a unit file.
func systemdPlain(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune("-_./:@+,=~", r):
		default:
			return false
		}
	}
	return true
}

// systemdArg returns s as one word of an Exec line: systemd splits on
// blanks, honours double quotes and expands % specifiers and $ variables,
// so anything else is quoted and escaped.
func systemdArg(s string) string {
	if systemdPlain(s) {
		return s
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "%", "%%", "$", "$$").Replace(s) + `"`
}

// systemdEnv returns an Environment= line for name=value; there systemd
// expands % specifiers but not $ variables.
func systemdEnv(name, value string) string {
	if systemdPlain(value) {
		return "Environment=" + name + "=" + value
	}
	return `Environment="` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "%", "%%").Replace(name+"="+value) + `"`
}
