package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/mesoslab/mesoslab/vagrant"
)

// terminateBound is how long mesoslab may take to end after a SIGTERM:
// Vagrant's own bound after the forwarded SIGTERM, plus a little for the
// commands in between to return.
const terminateBound = vagrant.DefaultTerminateGrace + 5*time.Second

// stopper is what a signal stops: every Vagrant CLI mesoslab started.
type stopper interface {
	Kill()
	Terminate()
}

// hardStop collects what a signal must stop. A first Ctrl-C only cancels,
// so that Vagrant can clean up; a second kills at once; a SIGTERM forwards
// itself and ends within terminateBound.
type hardStop struct {
	mu sync.Mutex
	ss []stopper
}

func (h *hardStop) add(s stopper) {
	if h == nil {
		return
	}
	h.mu.Lock()
	h.ss = append(h.ss, s)
	h.mu.Unlock()
}

func (h *hardStop) each(f func(stopper)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, s := range h.ss {
		f(s)
	}
}

// onSignals turns signals into the ends users expect. SIGINT (Ctrl-C)
// cancels and lets Vagrant clean up; a second SIGINT kills and exits 130.
// SIGTERM, as timeout(1), CI runners and service managers send it, is
// forwarded to Vagrant and ends mesoslab within bound, exit 143, whatever
// came before. The returned func reports whether a SIGTERM arrived.
func onSignals(sigs <-chan os.Signal, cancel context.CancelFunc, h *hardStop, stderr io.Writer, bound time.Duration, exit func(int)) func() bool {
	var terminated atomic.Bool
	go func() {
		interrupts := 0
		for sig := range sigs {
			if sig == syscall.SIGTERM {
				if terminated.Swap(true) {
					continue // the first one already set the bound
				}
				fmt.Fprintf(stderr, "\nmesoslab: terminated; stopping Vagrant (at most %s)\n", bound)
				h.each(stopper.Terminate)
				cancel()
				time.AfterFunc(bound, func() {
					h.each(stopper.Kill)
					exit(exitTerminated)
				})
				continue
			}
			interrupts++
			if interrupts == 1 {
				fmt.Fprintln(stderr, "\nmesoslab: interrupted; letting Vagrant clean up (press Ctrl-C again to kill)")
				cancel()
				continue
			}
			h.each(stopper.Kill)
			exit(exitInterrupted)
		}
	}()
	return terminated.Load
}
