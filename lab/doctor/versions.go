package doctor

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/go-version"
)

// VirtualBox prints versions such as 7.0.14r161095 or 7.1.4_Ubuntur165100,
// which go-version reads as a prerelease or rejects, so X.Y.Z is cut out
// first. Distribution builds put _Ubuntu, _Debian, _OSE... before the 'r'.
var (
	vboxVersionLine = regexp.MustCompile(`^(\d+\.\d+\.\d+)(?:_[A-Za-z0-9]+)?r\d+`)
	vagrantVersion  = regexp.MustCompile(`(?m)^(?:Vagrant|Installed Version:) (\d+\.\d+\.\d+)`)
)

// parseVBoxVersion reads `VBoxManage --version` output. WARNING blocks (a
// WARNING: line and the indented or blank lines under it) may come before
// the version; they are returned so the check can report them.
func parseVBoxVersion(out string) (*version.Version, []string, error) {
	var warnings []string
	inWarning := false
	for _, line := range strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "WARNING:"):
			warnings = append(warnings, trimmed)
			inWarning = true
			continue
		case inWarning && (trimmed == "" || line != strings.TrimLeft(line, " \t")):
			if trimmed != "" {
				warnings[len(warnings)-1] += " " + trimmed
			}
			continue
		}
		inWarning = false
		if m := vboxVersionLine.FindStringSubmatch(trimmed); m != nil {
			v, err := version.NewVersion(m[1])
			return v, warnings, err
		}
	}
	return nil, warnings, fmt.Errorf("no VirtualBox version in %q", strings.TrimSpace(out))
}

// parseVagrantVersion reads `vagrant --version` ("Vagrant 2.4.9") or
// `vagrant version` ("Installed Version: 2.4.9"); update notices may follow.
func parseVagrantVersion(out string) (*version.Version, error) {
	m := vagrantVersion.FindStringSubmatch(strings.ReplaceAll(out, "\r\n", "\n"))
	if m == nil {
		return nil, fmt.Errorf("no Vagrant version in %q", strings.TrimSpace(out))
	}
	return version.NewVersion(m[1])
}

// minVagrant maps a VirtualBox major.minor to the first Vagrant release that
// drives it, from Vagrant's CHANGELOG: an older Vagrant refuses it with
// "provider 'virtualbox' ... isn't usable".
var minVagrant = map[string]string{
	"6.1": "2.2.7",
	"7.0": "2.3.2",
	"7.1": "2.4.2",
	"7.2": "2.4.9",
}

// errUnknownVBox says that no Vagrant release mesoslab knows supports a
// VirtualBox minor; Vagrant matches the minor exactly, so it likely refuses.
var errUnknownVBox = errors.New("no known Vagrant release supports this VirtualBox")

// vagrantFor returns the minimum Vagrant for a VirtualBox version.
func vagrantFor(vbox *version.Version) (*version.Version, error) {
	s := vbox.Segments()
	min, known := minVagrant[fmt.Sprintf("%d.%d", s[0], s[1])]
	if !known {
		return nil, fmt.Errorf("VirtualBox %s: %w", vbox, errUnknownVBox)
	}
	return version.Must(version.NewVersion(min)), nil
}

// vboxSupport grades a VirtualBox version: 7.0 to 7.2 are supported, 6.1
// works but is old, anything older fails, and a newer one is unknown.
func vboxSupport(v *version.Version) (Status, string) {
	switch {
	case v.LessThan(version.Must(version.NewVersion("6.1"))):
		return StatusFail, "is too old: mesoslab needs VirtualBox 7.0 to 7.2 (6.1 at the least)"
	case v.LessThan(version.Must(version.NewVersion("7.0"))):
		return StatusWarn, "is old: 7.1 or 7.2 is recommended"
	case v.LessThan(version.Must(version.NewVersion("7.3"))):
		return StatusOK, "is supported"
	default:
		return StatusWarn, "is newer than the 7.2 series mesoslab knows; Vagrant may not support it yet"
	}
}

// atLeast reports whether v >= want (want in "X.Y.Z" form).
func atLeast(v *version.Version, want string) bool {
	return v.GreaterThanOrEqual(version.Must(version.NewVersion(want)))
}
