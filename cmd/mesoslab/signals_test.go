package main

import (
	"context"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// recordingStopper stands in for a Vagrant CLI and records what it was told.
type recordingStopper struct {
	mu    sync.Mutex
	calls []string
}

func (r *recordingStopper) Kill()      { r.add("kill") }
func (r *recordingStopper) Terminate() { r.add("terminate") }
func (r *recordingStopper) add(s string) {
	r.mu.Lock()
	r.calls = append(r.calls, s)
	r.mu.Unlock()
}
func (r *recordingStopper) got() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.calls, ",")
}

func TestSignalsEndMesoslabAsUsersExpect(t *testing.T) {
	tests := []struct {
		name      string
		signals   []os.Signal
		calls     string // what the Vagrant CLIs were told, in order
		exit      int    // -1: mesoslab does not exit by itself
		terminate bool
		says      string
	}{
		{"one Ctrl-C cancels and waits for Vagrant's cleanup", []os.Signal{os.Interrupt}, "", -1, false, "letting Vagrant clean up"},
		{"a second Ctrl-C kills", []os.Signal{os.Interrupt, os.Interrupt}, "kill", exitInterrupted, false, "press Ctrl-C again"},
		{"SIGTERM forwards and ends within the bound", []os.Signal{syscall.SIGTERM}, "terminate,kill", exitTerminated, true, "terminated; stopping Vagrant"},
		{"SIGTERM after a Ctrl-C still ends within the bound", []os.Signal{os.Interrupt, syscall.SIGTERM}, "terminate,kill", exitTerminated, true, "terminated"},
		{"a second SIGTERM changes nothing", []os.Signal{syscall.SIGTERM, syscall.SIGTERM}, "terminate,kill", exitTerminated, true, "terminated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var (
				h    hardStop
				r    recordingStopper
				errs strings.Builder
				mu   sync.Mutex
			)
			h.add(&r)
			exited := make(chan int, 2)
			sigs := make(chan os.Signal, len(tt.signals))
			terminated := onSignals(sigs, cancel, &h, syncWriter{&mu, &errs}, 50*time.Millisecond, func(code int) { exited <- code })
			for _, s := range tt.signals {
				sigs <- s
			}
			<-ctx.Done() // every first signal cancels
			code := -1
			select {
			case code = <-exited:
			case <-time.After(2 * time.Second):
			}
			if code != tt.exit {
				t.Errorf("exit = %d, want %d", code, tt.exit)
			}
			if got := r.got(); got != tt.calls {
				t.Errorf("Vagrant CLIs were told %q, want %q", got, tt.calls)
			}
			if terminated() != tt.terminate {
				t.Errorf("terminated() = %v, want %v", terminated(), tt.terminate)
			}
			mu.Lock()
			defer mu.Unlock()
			if !strings.Contains(errs.String(), tt.says) {
				t.Errorf("stderr %q does not say %q", errs.String(), tt.says)
			}
		})
	}
}

// syncWriter serializes writes from the signal goroutine and the test.
type syncWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (s syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
