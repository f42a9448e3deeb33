package lab

import (
	"context"
	"sync"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/provision"
)

// Shell opens an SSH runner to a node of a built lab on first use and keeps
// it for the rest of the command: a drill stops and starts services on the
// same node several times. Commands and output go to the node's log, as
// provisioning's do. It is safe for concurrent use.
type Shell struct {
	b     Backends
	d     Dir
	mu    sync.Mutex
	conns map[string]*connection
}

// OpenShell returns a Shell for the lab in d; nothing is dialled yet.
func (l *Lab) Shell() *Shell {
	b, d := l.Backends, l.Dir
	return &Shell{b: b, d: d, conns: map[string]*connection{}}
}

// Runner returns the node's runner, dialling it the first time.
func (s *Shell) Runner(ctx context.Context, node string) (provision.Runner, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.conns[node]; ok {
		return c.runner, nil
	}
	c, ne := connectOne(ctx, s.b, s.b.Vagrant(s.d.Root), s.d, config.Node{Name: node}, "mesoslab shell")
	if ne != nil {
		return nil, ne
	}
	s.conns[node] = c
	return c.runner, nil
}

// Close closes every connection and log.
func (s *Shell) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	closeAll(s.conns)
	s.conns = map[string]*connection{}
	return nil
}
