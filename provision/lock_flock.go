//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package provision

import (
	"os"
	"syscall"
)

// lockPath takes an exclusive lock on the file at path (created if needed)
// and returns its release. flock serializes goroutines as well as several
// mesoslab processes, since every call opens the file anew.
func lockPath(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}
