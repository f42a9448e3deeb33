package vagrant

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/kevinburke/ssh_config"
)

// SSHConfig runs plain `vagrant ssh-config NODE`, once no other command for
// node runs (Vagrant's machine lock makes it fail while the node's up is
// still running). The machine-readable form is not used: go-vagrant's parse
// of it loses IdentityFile paths with spaces, which Vagrant quotes, and all
// but the last of several IdentityFile lines; ssh_config handles both.
func (c *CLI) SSHConfig(ctx context.Context, node string) (SSHConfig, error) {
	unlock, err := c.nodes.lock(ctx, node)
	if err != nil {
		return SSHConfig{}, &Error{Node: node, Command: "ssh-config", ExitCode: -1, Err: err}
	}
	defer unlock()
	lines, err := c.plain(ctx, node, c.dir, []string{"ssh-config", node})
	if err != nil {
		return SSHConfig{}, err
	}
	cfg, err := parseSSHConfig(node, strings.Join(lines, "\n"))
	if err != nil {
		return SSHConfig{}, &Error{Node: node, Command: "ssh-config", ExitCode: 0, Message: err.Error(), Tail: lines, Err: err}
	}
	return cfg, nil
}

// parseSSHConfig reads the Host block for node from ssh_config text.
func parseSSHConfig(node, text string) (SSHConfig, error) {
	doc, err := ssh_config.Decode(strings.NewReader(text))
	if err != nil {
		return SSHConfig{}, fmt.Errorf("parse ssh-config of %s: %w", node, err)
	}
	get := func(key string) string {
		v, _ := doc.Get(node, key)
		return v
	}
	cfg := SSHConfig{Host: node, HostName: get("HostName"), User: get("User"), Port: 22}
	if cfg.HostName == "" {
		return SSHConfig{}, fmt.Errorf("ssh-config of %s has no HostName for Host %s", node, node)
	}
	if p := get("Port"); p != "" {
		if cfg.Port, err = strconv.Atoi(p); err != nil || cfg.Port < 1 || cfg.Port > 65535 {
			return SSHConfig{}, fmt.Errorf("ssh-config of %s: bad Port %q", node, p)
		}
	}
	cfg.IdentityFiles, _ = doc.GetAll(node, "IdentityFile")
	return cfg, nil
}
