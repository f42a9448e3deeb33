package lab

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gofrs/flock"
)

// Lock is held by the one mesoslab process allowed to change a lab. It is
// an advisory file lock (flock), so the kernel releases it when the holder
// dies: a lock left by a killed process is taken over without clean-up.
type Lock struct {
	fl   *flock.Flock
	path string
	// newFile and newDirs (deepest first) are what AcquireLock created,
	// for Discard.
	newFile string
	newDirs []string
}

// LockedError says another live mesoslab process holds the lab.
type LockedError struct {
	Lab  string
	PID  int
	What string // the holder's command line, when it wrote one
	Path string
}

func (e *LockedError) Error() string {
	holder := "another mesoslab process"
	if e.PID > 0 {
		holder = fmt.Sprintf("mesoslab process %d", e.PID)
		if e.What != "" {
			holder += " (" + e.What + ")"
		}
	}
	return fmt.Sprintf("lab %q is busy: %s is changing it; wait for it to finish or stop it (lock: %s)", e.Lab, holder, e.Path)
}

// AcquireLock takes the lab's lock without waiting, recording this process's
// PID and what it is doing for the error another process would see.
func AcquireLock(d Dir, lab, what string) (*Lock, error) {
	path := d.Lock()
	l := &Lock{path: path}
	for dir := d.Root; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(dir); err == nil || filepath.Dir(dir) == dir {
			break
		}
		l.newDirs = append(l.newDirs, dir)
	}
	if _, err := os.Lstat(path); err != nil {
		l.newFile = path
	}
	if err := os.MkdirAll(d.Root, 0o755); err != nil {
		return nil, fmt.Errorf("create lab directory: %w", err)
	}
	fl := flock.New(path)
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if !ok {
		pid, holder := readLockOwner(path)
		return nil, &LockedError{Lab: lab, PID: pid, What: holder, Path: path}
	}
	// The file stays; only its content changes. Writing through the locked
	// path keeps the flock on the same inode.
	if err := os.WriteFile(path, []byte(fmt.Sprintf("%d %s\n", os.Getpid(), what)), 0o644); err != nil {
		_ = fl.Unlock()
		return nil, fmt.Errorf("record lock owner: %w", err)
	}
	l.fl = fl
	return l, nil
}

// Release gives the lock back and clears the owner record.
func (l *Lock) Release() error {
	if l == nil {
		return nil
	}
	// Truncate, not rewrite: destroy may have removed the file already.
	_ = os.Truncate(l.path, 0)
	return l.fl.Unlock()
}

// Discard gives the lock back and removes what AcquireLock created: the
// lock file, and the folders it made when nothing else is in them. A command
// that changed nothing leaves the disk as it found it.
func (l *Lock) Discard() error {
	if l == nil {
		return nil
	}
	err := l.Release()
	if l.newFile != "" {
		_ = os.Remove(l.newFile)
	}
	for _, dir := range l.newDirs {
		if os.Remove(dir) != nil {
			break // not empty: something else lives there now
		}
	}
	return err
}

func readLockOwner(path string) (int, string) {
	data, err := os.ReadFile(filepath.Clean(path))
	if err != nil {
		return 0, ""
	}
	fields := strings.SplitN(strings.TrimSpace(string(data)), " ", 2)
	pid, _ := strconv.Atoi(fields[0])
	if len(fields) == 2 {
		return pid, fields[1]
	}
	return pid, ""
}
