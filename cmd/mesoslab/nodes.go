package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/vagrant"
)

// nodeShell opens one SSH runner per node on first use, with the address,
// port, user and keys Vagrant's ssh-config gives and the lab's known_hosts,
// and keeps it for the rest of the command: a drill stops and starts
// services on the same node several times. Commands and their output are
// appended to the node's log, as provisioning's are.
type nodeShell struct {
	dir lab.Dir
	// sshConfig and dial are Vagrant and provision.DialSSH outside tests.
	sshConfig func(ctx context.Context, node string) (vagrant.SSHConfig, error)
	dial      func(ctx context.Context, t provision.SSHTarget, o provision.DialOptions) (provision.Runner, error)

	mu      sync.Mutex
	runners map[string]provision.Runner
	logs    []io.Closer
}

// newNodeShell reaches the nodes of the lab in dir through Vagrant.
func newNodeShell(s streams, dir lab.Dir) *nodeShell {
	drv := s.backends().Vagrant(dir.Root)
	return &nodeShell{
		dir:       dir,
		sshConfig: drv.SSHConfig,
		dial: func(ctx context.Context, t provision.SSHTarget, o provision.DialOptions) (provision.Runner, error) {
			return provision.DialSSH(ctx, t, o)
		},
		runners: map[string]provision.Runner{},
	}
}

// Runner implements workshop.NodeShell.
func (n *nodeShell) Runner(ctx context.Context, node string) (provision.Runner, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if r, ok := n.runners[node]; ok {
		return r, nil
	}
	cfg, err := n.sshConfig(ctx, node)
	if err != nil {
		return nil, fmt.Errorf("vagrant ssh-config %s: %w (is the node up? `mesoslab status` shows it)", node, err)
	}
	opts := provision.DialOptions{}
	if err := os.MkdirAll(n.dir.Logs(), 0o755); err == nil {
		if f, err := os.OpenFile(n.dir.NodeLog(node), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644); err == nil {
			opts.Log = f
			n.logs = append(n.logs, f)
		}
	}
	r, err := n.dial(ctx, provision.SSHTarget{
		Node: node, Addr: cfg.HostName, Port: cfg.Port, User: cfg.User,
		KeyFiles: cfg.IdentityFiles, KnownHosts: n.dir.KnownHosts(),
	}, opts)
	if err != nil {
		return nil, fmt.Errorf("ssh to %s (%s:%d): %w", node, cfg.HostName, cfg.Port, err)
	}
	n.runners[node] = r
	return r, nil
}

// Close closes every connection and log.
func (n *nodeShell) Close() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, r := range n.runners {
		if c, ok := r.(io.Closer); ok {
			c.Close()
		}
	}
	for _, l := range n.logs {
		l.Close()
	}
	n.runners, n.logs = map[string]provision.Runner{}, nil
	return nil
}
