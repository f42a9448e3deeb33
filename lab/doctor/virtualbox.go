package doctor

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"strings"

	"github.com/hashicorp/go-version"
)

// findVBoxManage looks for VBoxManage on PATH, then in VirtualBox's usual
// install folders, which are often not on PATH on macOS and Windows.
func findVBoxManage(h Host) (string, error) {
	for _, name := range []string{"VBoxManage", "vboxmanage"} {
		if p, err := h.LookPath(name); err == nil {
			return p, nil
		}
	}
	var candidates []string
	switch h.OS() {
	case "windows":
		// The installer sets these; Vagrant reads them too.
		for _, env := range []string{"VBOX_MSI_INSTALL_PATH", "VBOX_INSTALL_PATH"} {
			for _, dir := range strings.Split(h.Getenv(env), ";") {
				if dir != "" {
					candidates = append(candidates, strings.TrimRight(dir, `\/`)+`\VBoxManage.exe`)
				}
			}
		}
		pf := h.Getenv("ProgramFiles")
		if pf == "" {
			pf = `C:\Program Files`
		}
		candidates = append(candidates, pf+`\Oracle\VirtualBox\VBoxManage.exe`)
	case "darwin":
		candidates = []string{"/Applications/VirtualBox.app/Contents/MacOS/VBoxManage", "/usr/local/bin/VBoxManage"}
	default:
		candidates = []string{"/usr/bin/VBoxManage", "/usr/lib/virtualbox/VBoxManage", "/opt/VirtualBox/VBoxManage"}
	}
	for _, c := range candidates {
		if p, err := h.LookPath(c); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("VBoxManage is not on PATH nor in %s: %w", strings.Join(candidates, ", "), exec.ErrNotFound)
}

// isNotFound reports whether err means a program or file is missing.
func isNotFound(err error) bool {
	return errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist)
}

// checkVirtualBox finds VBoxManage, reads its version past any WARNING
// lines and grades it.
func checkVirtualBox(ctx context.Context, p *probe, lab Lab) finding {
	vb, err := p.virtualBox(ctx)
	switch {
	case isNotFound(err):
		return finding{StatusFail, "VirtualBox is not installed (VBoxManage not found)", installVirtualBox(p.h.OS(), p.h.Arch())}
	case err != nil && vb.Version == nil:
		return finding{StatusFail, fmt.Sprintf("`%s --version` failed: %s", vb.Path, firstLine(vb.Raw, err)),
			"run `VBoxManage --version` by hand and follow what it says; reinstall VirtualBox if it prints no version"}
	}
	all := strings.Join(vb.Warnings, " ")
	switch {
	case strings.Contains(all, "vboxdrv kernel module is not loaded"), strings.Contains(all, "kernel modules are not loaded"),
		strings.Contains(all, "/dev/vboxdrv does not exist"):
		return finding{StatusFail, fmt.Sprintf("VirtualBox %s is installed but its kernel module is not loaded", vb.Version),
			"run `sudo /sbin/vboxconfig` (it needs the headers of the running kernel; with Secure Boot, sign the vboxdrv modules), or reinstall VirtualBox and reboot"}
	case strings.Contains(all, "LOGNAME or USER"):
		return finding{StatusWarn, fmt.Sprintf("VirtualBox %s prints a warning before its version: %s", vb.Version, vb.Warnings[0]),
			"run as the logged-in user (not through `sudo -E`), or use Vagrant 2.4.2 or later, which skips such lines"}
	case len(vb.Warnings) > 0:
		return finding{StatusWarn, fmt.Sprintf("VirtualBox %s warns: %s", vb.Version, vb.Warnings[0]),
			"run `VBoxManage --version` and fix what the warning says"}
	}
	status, verdict := vboxSupport(vb.Version)
	f := finding{status, fmt.Sprintf("VirtualBox %s %s (%s)", vb.Version, verdict, vb.Path), ""}
	switch {
	case status != StatusOK && vb.Version.LessThan(version.Must(version.NewVersion("7.0"))):
		f.Fix = "install VirtualBox 7.2: " + installVirtualBox(p.h.OS(), p.h.Arch())
	case status != StatusOK:
		f.Fix = "if `vagrant up` says the provider isn't usable, install VirtualBox 7.2 or a Vagrant release that supports " + vb.Version.String()
	}
	return f
}

// installVirtualBox says where VirtualBox comes from on each host OS.
func installVirtualBox(goos, arch string) string {
	switch goos {
	case "darwin":
		if arch == "arm64" {
			return "on macOS install VirtualBox 7.1 or later for Apple Silicon (macOS/Arm64 build): `brew install --cask virtualbox` or Oracle's dmg; or use --provider docker"
		}
		return "on macOS `brew install --cask virtualbox` or Oracle's dmg for macOS/Intel hosts; or use --provider docker"
	case "windows":
		return "on Windows run Oracle's VirtualBox installer for Windows hosts, then open a new terminal; or use --provider docker"
	default:
		return "on Debian/Ubuntu add Oracle's VirtualBox apt repository and `sudo apt-get install virtualbox-7.2` (VirtualBox is not in Debian 12); on other Linux use Oracle's package for the distribution; or use --provider docker (the container lab)"
	}
}
