package provision

import (
	"strings"
)

// EnvVar is one environment variable of a unit or container.
type EnvVar struct{ Name, Value string }

// ContainerUnitSpec is a service that runs from an image under systemd.
type ContainerUnitSpec struct {
	// Name names the unit (/etc/systemd/system/NAME.service) and the
	// container.
	Name string
	// Description is the unit's description, " (mesoslab)" appended.
	Description string
	// Image is the image the container runs.
	Image string
	// Env is the container's environment, in order.
	Env []EnvVar
	// Args follow the image, for its entrypoint.
	Args []string
}

// ContainerUnit returns the File step of a unit that runs u with
// `docker run --rm --net=host`: host networking, so that Mesos reaches the
// scheduler's libprocess endpoint at LIBPROCESS_IP; systemd restarts it,
// and a container left over from a crash is removed first.
func ContainerUnit(u ContainerUnitSpec) Step {
	var b strings.Builder
	b.WriteString("# Written by mesoslab: " + u.Description + " in a container on the host network,\n" +
		"# so that Mesos reaches the scheduler at LIBPROCESS_IP.\n")
	b.WriteString("[Unit]\nDescription=" + u.Description + " (mesoslab)\nAfter=docker.service\nRequires=docker.service\n\n")
	b.WriteString("[Service]\nExecStartPre=-/usr/bin/docker rm -f " + u.Name + "\n")
	b.WriteString("ExecStart=/usr/bin/docker run --rm --name " + u.Name + " --net=host")
	for _, e := range u.Env {
		b.WriteString(" \\\n    -e " + SystemdArg(e.Name+"="+e.Value))
	}
	b.WriteString(" \\\n    " + SystemdArg(u.Image))
	for _, a := range u.Args {
		b.WriteString(" " + SystemdArg(a))
	}
	b.WriteString("\nExecStop=/usr/bin/docker stop " + u.Name + "\nRestart=always\nRestartSec=10\n\n")
	b.WriteString("[Install]\nWantedBy=multi-user.target\n")
	return File(FileSpec{
		Path: "/etc/systemd/system/" + u.Name + ".service", Content: []byte(b.String()), Mode: 0o644, Owner: "root:root",
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

// SystemdArg returns s as one word of an Exec line: systemd splits on
// blanks, honours double quotes and expands % specifiers and $ variables,
// so anything else is quoted and escaped.
func SystemdArg(s string) string {
	if systemdPlain(s) {
		return s
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "%", "%%", "$", "$$").Replace(s) + `"`
}

// SystemdEnv returns an Environment= line for name=value; there systemd
// expands % specifiers but not $ variables.
func SystemdEnv(name, value string) string {
	if systemdPlain(value) {
		return "Environment=" + name + "=" + value
	}
	return `Environment="` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "%", "%%").Replace(name+"="+value) + `"`
}
