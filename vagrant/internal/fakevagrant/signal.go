//go:build unix

package fakevagrant

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// checkSignal handles a SIGINT or SIGTERM that arrived while replaying.
func (f *fake) checkSignal(base string) (int, bool) {
	select {
	case s := <-f.sigs:
		return f.onSignal(base, s)
	default:
		return 0, false
	}
}

// waitSignal blocks, as vagrant does in a long step, until a signal asks it
// to stop; a minute without one ends it with status 3 so no test hangs.
func (f *fake) waitSignal(base string) (int, bool) {
	deadline := time.After(time.Minute)
	for {
		select {
		case s := <-f.sigs:
			if code, stop := f.onSignal(base, s); stop {
				return code, true
			}
		case <-deadline:
			return 3, true
		}
	}
}

func (f *fake) onSignal(base string, s os.Signal) (int, bool) {
	f.record(Record{Event: "signal", Detail: s.String()})
	if os.Getenv(EnvOnSIGINT) == "ignore" {
		return 0, false
	}
	if s == syscall.SIGTERM {
		return 143, true
	}
	// Vagrant's runner warns at once, finishes the step it is in, then raises
	// VagrantInterrupt: the warning first, the rest after a short while.
	rest := lines(readOr(filepath.Join(f.dir, base+".interrupt"), fallbackInterrupt(f.node)))
	if len(rest) > 0 {
		fmt.Fprintln(f.out, rest[0])
		rest = rest[1:]
	}
	time.Sleep(100 * time.Millisecond)
	f.record(Record{Event: "cleanup-done"})
	for _, l := range rest {
		fmt.Fprintln(f.out, l)
	}
	return 1, true
}

func fallbackInterrupt(node string) string {
	now := time.Now().Unix()
	return fmt.Sprintf("%d,%s,ui,warn,==> %s: Waiting for cleanup before exiting...\n"+
		"%d,,error-exit,Vagrant::Errors::VagrantInterrupt,Vagrant exited after cleanup due to external interrupt.\n",
		now, node, node, now)
}
