package lab

import (
	"context"
	"fmt"
	"sync"

	"github.com/mesoslab/mesoslab/lab/config"
)

// eachNode runs fn for the nodes in order, at most limit at a time, and
// returns every failure together. A failed node does not stop the others;
// cancellation stops starting new ones.
func eachNode(ctx context.Context, nodes []config.Node, limit int, fn func(config.Node) *NodeError) error {
	var (
		mu   sync.Mutex
		errs NodeErrors
		wg   sync.WaitGroup
	)
	sem := make(chan struct{}, limit)
	for _, n := range nodes {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break // nodes not started yet stay as they are
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if err := fn(n); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		return errs
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted: %w", err)
	}
	return nil
}
