package vagrant

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/go-version"
)

// Version runs `vagrant --version`, which needs no Vagrantfile, so it works
// as a preflight before the lab directory exists.
func (c *CLI) Version(ctx context.Context) (*version.Version, error) {
	lines, err := c.plain(ctx, "", "", []string{"--version"})
	if err != nil {
		return nil, err
	}
	v, err := parseVersion(strings.Join(lines, "\n"))
	if err != nil {
		return nil, &Error{Command: "--version", ExitCode: 0, Message: err.Error(), Tail: lines, Err: err}
	}
	return v, nil
}

var (
	vagrantVersion = regexp.MustCompile(`(?m)^Vagrant (\d+\.\d+(?:\.\d+)?)`)
	anyVersion     = regexp.MustCompile(`\b(\d+\.\d+\.\d+)\b`)
)

// parseVersion finds the version in `vagrant --version` output ("Vagrant
// 2.3.4", possibly after warnings and before an update notice) and keeps
// X.Y.Z only: go-version rejects "Vagrant 2.3.4" and reads "2.4.2.dev" as a
// prerelease that no constraint matches.
func parseVersion(out string) (*version.Version, error) {
	m := vagrantVersion.FindStringSubmatch(out)
	if m == nil {
		m = anyVersion.FindStringSubmatch(out)
	}
	if m == nil {
		return nil, fmt.Errorf("no version in `vagrant --version` output %q", strings.TrimSpace(out))
	}
	return version.NewVersion(m[1])
}
