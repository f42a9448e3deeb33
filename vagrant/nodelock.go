package vagrant

import (
	"context"
	"sync"
)

// nodeLocks lets one command at a time run per node. Vagrant locks a
// machine for the length of a command, and a second vagrant process on the
// same machine fails with MachineActionLockedError (an ssh-config while the
// node's up still runs, for one); waiting here turns that race into order.
type nodeLocks struct {
	mu   sync.Mutex
	busy map[string]chan struct{}
}

// lock waits until no command holds node, or until ctx is done.
func (l *nodeLocks) lock(ctx context.Context, node string) (unlock func(), err error) {
	for {
		l.mu.Lock()
		held, ok := l.busy[node]
		if !ok {
			if l.busy == nil {
				l.busy = map[string]chan struct{}{}
			}
			mine := make(chan struct{})
			l.busy[node] = mine
			l.mu.Unlock()
			return func() {
				l.mu.Lock()
				delete(l.busy, node)
				l.mu.Unlock()
				close(mine)
			}, nil
		}
		l.mu.Unlock()
		select {
		case <-held:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}
