package lab

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"sync"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/vagrant"
)

// connection is an open runner to one node and the log it writes to.
type connection struct {
	runner provision.Runner
	log    *nodeLog
}

// connect dials every node at once with the address, port, user and keys
// Vagrant's ssh-config gives (asked only now that the node is up), pinning
// host keys in the lab's known_hosts. Every command and its output go to
// logs/NODE.log. Any failure closes what was opened.
func connect(ctx context.Context, b Backends, drv vagrant.Driver, d Dir, nodes []config.Node, what string) (map[string]*connection, error) {
	var (
		mu    sync.Mutex
		conns = map[string]*connection{}
	)
	err := eachNode(ctx, nodes, len(nodes)+1, func(n config.Node) *NodeError {
		c, ne := connectOne(ctx, b, drv, d, n, what)
		if ne != nil {
			return ne
		}
		mu.Lock()
		conns[n.Name] = c
		mu.Unlock()
		return nil
	})
	if err != nil {
		closeAll(conns)
		return nil, err
	}
	return conns, nil
}

func connectOne(ctx context.Context, b Backends, drv vagrant.Driver, d Dir, n config.Node, what string) (*connection, *NodeError) {
	cfg, err := drv.SSHConfig(ctx, n.Name)
	if err != nil {
		return nil, &NodeError{Node: n.Name, Step: "vagrant ssh-config", Err: fmt.Errorf("%w (is the node up? `mesoslab up` starts it)", err)}
	}
	log, err := openNodeLog(d, n.Name, what)
	if err != nil {
		return nil, &NodeError{Node: n.Name, Step: "open log", Err: err}
	}
	r, err := b.dial()(ctx, provision.SSHTarget{
		Node: n.Name, Addr: cfg.HostName, Port: cfg.Port, User: cfg.User,
		KeyFiles: cfg.IdentityFiles, KnownHosts: d.KnownHosts(),
	}, provision.DialOptions{Log: log})
	if err != nil {
		log.Close()
		return nil, &NodeError{Node: n.Name, Step: "ssh " + net.JoinHostPort(cfg.HostName, strconv.Itoa(cfg.Port)), Log: log.path, Err: err}
	}
	return &connection{runner: r, log: log}, nil
}

func closeAll(conns map[string]*connection) {
	for _, c := range conns {
		if cl, ok := c.runner.(interface{ Close() error }); ok {
			cl.Close()
		}
		c.log.Close()
	}
}
