//go:build unix

package vagrant

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/vagrant/internal/fakevagrant"
)

// terminatingLab is a fake lab whose Ctrl-C grace is an hour, so only the
// short TerminateGrace can end a test in time.
func terminatingLab(t *testing.T, env ...string) *fakeLab {
	t.Helper()
	f := newFakeLab(t, time.Hour, env...)
	f.cli = NewCLI(f.dir, CLIOptions{Env: f.env, Grace: time.Hour, TerminateGrace: 300 * time.Millisecond})
	return f
}

func signalsOf(f *fakeLab) []string {
	var out []string
	for _, r := range f.records("signal") {
		out = append(out, r.Detail)
	}
	return out
}

func TestTerminateForwardsSIGTERMAndKeepsNewCommandsFromStarting(t *testing.T) {
	tests := []struct {
		name      string
		env       []string
		cancel    bool     // a Ctrl-C came first
		signals   []string // what vagrant got, in order
		exitsSelf bool     // vagrant ended by itself, before TerminateGrace
	}{
		{"vagrant exits on SIGTERM", []string{pauseAtCreate}, false, []string{"terminated"}, true},
		{"vagrant ignores SIGTERM: killed after the grace", []string{pauseAtCreate, fakevagrant.EnvOnSIGINT + "=ignore", fakevagrant.EnvGrandchild + "=1"}, false, []string{"terminated"}, false},
		{"SIGTERM during a Ctrl-C cleanup ends the wait", []string{pauseAtCreate, fakevagrant.EnvOnSIGINT + "=ignore", fakevagrant.EnvGrandchild + "=1"}, true, []string{"interrupt", "terminated"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := terminatingLab(t, tt.env...)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			err := f.cli.Up(ctx, "master1", "docker", func(e Event) {
				if e.Phase() != "creating container" {
					return
				}
				if tt.cancel {
					cancel()
				}
				go func() {
					if tt.cancel {
						f.waitRecord("signal")
					}
					f.cli.Terminate()
				}()
			})
			if tt.cancel && !errors.Is(err, context.Canceled) {
				t.Errorf("Up = %v, want context.Canceled after the Ctrl-C", err)
			}
			if !tt.cancel && !errors.Is(err, errTerminated) {
				t.Errorf("Up = %v, want errTerminated", err)
			}
			if got := signalsOf(f); len(got) != len(tt.signals) || got[len(got)-1] != tt.signals[len(tt.signals)-1] || got[0] != tt.signals[0] {
				t.Errorf("vagrant got signals %q, want %q", got, tt.signals)
			}
			if n := len(f.records("cleanup-done")); n != 0 {
				t.Errorf("vagrant ran its Ctrl-C cleanup %d times on SIGTERM", n)
			}
			if tt.exitsSelf != (len(f.records("exit")) == 1) {
				t.Errorf("vagrant exit records %+v, want an exit of its own: %v", f.records("exit"), tt.exitsSelf)
			}
			if !tt.exitsSelf {
				assertGone(t, f.records("grandchild"))
			}
			if err := f.cli.Halt(context.Background(), "master1"); !errors.Is(err, errTerminated) {
				t.Errorf("Halt after Terminate = %v, want errTerminated", err)
			}
			if n := len(f.records("start")); n != 1 {
				t.Errorf("vagrant started %d times, want none after Terminate", n)
			}
		})
	}
}
