package doctor

import (
	"context"
	"errors"
	"fmt"
)

// checkVagrant finds Vagrant, reads its version and, for the VirtualBox
// provider, checks it against the installed VirtualBox: a Vagrant that
// predates a VirtualBox minor refuses it ("isn't usable on this system").
func checkVagrant(ctx context.Context, p *probe, lab Lab) finding {
	vf, err := p.vagrant(ctx)
	if isNotFound(err) {
		return finding{StatusFail, "Vagrant is not installed (no `vagrant` on PATH)", installVagrant(p.h.OS(), lab.provider())}
	}
	if err != nil {
		return finding{StatusFail, "`vagrant --version` failed: " + firstLine(vf.Raw, err),
			"run `vagrant --version` by hand; reinstall Vagrant if it does not print its version"}
	}
	name := "Vagrant " + vf.Version.String()
	if lab.provider() != ProviderVirtualBox {
		return ok(name)
	}
	vb, err := p.virtualBox(ctx)
	if err != nil || vb.Version == nil {
		return ok(name + " (VirtualBox not found: compatibility not checked)")
	}
	min, err := vagrantFor(vb.Version)
	if errors.Is(err, errUnknownVBox) {
		return finding{StatusWarn, fmt.Sprintf("%s with VirtualBox %s: no Vagrant release known to mesoslab supports this VirtualBox", name, vb.Version),
			"if `vagrant up` says the provider isn't usable, install a newer Vagrant or VirtualBox 7.2"}
	}
	if vf.Version.LessThan(min) {
		return finding{StatusFail,
			fmt.Sprintf("%s does not support VirtualBox %s (it needs Vagrant >= %s)", name, vb.Version, min),
			fmt.Sprintf("install Vagrant %s or later; %s", min, vagrantSource(p.h.OS()))}
	}
	// VirtualBox 7 on macOS uses host-only networks, which Vagrant drives
	// from 2.3.3 on; 2.3.2 fails with "Host-only adapters are no longer supported!".
	if p.h.OS() == "darwin" && atLeast(vb.Version, "7.0.0") && !atLeast(vf.Version, "2.3.3") {
		return finding{StatusFail, name + " cannot set up private networks with VirtualBox 7 on macOS (needs >= 2.3.3)",
			"install Vagrant 2.3.3 or later; " + vagrantSource("darwin")}
	}
	// Box architectures arrived in Vagrant 2.4.0; without them an arm64
	// host can be handed an amd64 box.
	if p.h.Arch() == "arm64" && !atLeast(vf.Version, "2.4.0") {
		return finding{StatusWarn, name + " predates box architecture support (2.4.0) on this arm64 host",
			"install Vagrant 2.4.0 or later; " + vagrantSource(p.h.OS())}
	}
	return ok(fmt.Sprintf("%s supports VirtualBox %s (needs >= %s)", name, vb.Version, min))
}

// installVagrant says how to install Vagrant on the host's OS. The docker
// provider works with the distributions' packages; VirtualBox 7.1 and 7.2
// need a recent Vagrant, which only HashiCorp ships.
func installVagrant(goos, provider string) string {
	if goos == "linux" && provider == ProviderDocker {
		return "install Vagrant: on Debian/Ubuntu `sudo apt-get install vagrant` (the distribution's package is enough for the docker provider)"
	}
	return "install Vagrant 2.4.9 or later: " + vagrantSource(goos)
}

func vagrantSource(goos string) string {
	switch goos {
	case "darwin":
		return "on macOS `brew tap hashicorp/tap && brew install hashicorp/tap/hashicorp-vagrant`, or the installer from HashiCorp's Vagrant download page"
	case "windows":
		return "on Windows the MSI installer from HashiCorp's Vagrant download page (log out and in again afterwards)"
	default:
		return "on Linux use HashiCorp's packages (Debian 12 ships Vagrant 2.3.4, which cannot drive VirtualBox 7.1 or 7.2)"
	}
}
