package stack_test

import (
	"context"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// Cancelling the caller's context ends a probe of a hung peer at once,
// without waiting for the probe's own timeout.
func TestFourLetterHonoursCancel(t *testing.T) {
	z := stacktest.NewZK(t, []string{"127.0.0.11"})
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := stack.FourLetter(ctx, nil, "127.0.0.11", z.Port, "srvr")
		errc <- err
	}()
	// Cancel only once the peer holds the word, so the read is what ends.
	for i := 0; ; i++ {
		got := len(z.Words())
		if got > 0 {
			break
		}
		if i == 3000 {
			t.Fatal("the fake peer never got the word")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-errc:
		if err == nil {
			t.Error("a cancelled probe succeeded")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("cancel did not end the probe")
	}
}
