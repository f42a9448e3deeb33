package doctor

import (
	"runtime"
	"strings"
)

// InstallHint says how to install a tool the lab runs (vagrant, VBoxManage
// or docker) on this host, in the words of the doctor's own findings, for an
// error that found the tool missing; ok is false for any other name.
func InstallHint(tool, provider string) (what, fix string, ok bool) {
	switch strings.ToLower(tool) {
	case "vagrant":
		return "Vagrant", installVagrant(runtime.GOOS, provider), true
	case "vboxmanage":
		return "VirtualBox", "install it: " + installVirtualBox(runtime.GOOS, runtime.GOARCH), true
	case "docker":
		return "Docker", installDocker(runtime.GOOS), true
	}
	return "", "", false
}
