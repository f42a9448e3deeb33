package doctor

import (
	"context"
	"fmt"
	"io/fs"
	"net/netip"
	"net/url"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"
)

// fakeHost answers from recorded facts. Every fact can be delayed, to show
// in the benchmark that checks run side by side.
type fakeHost struct {
	os, arch  string
	mem       Memory
	memErr    error
	cpus      int
	cpusErr   error
	disk      map[string]uint64 // path -> free bytes; others do not exist
	files     map[string]string
	dirs      map[string][]string
	env       map[string]string
	home      string
	paths     map[string]string // name or absolute path -> resolved path
	cmds      map[string]fakeCmd
	ifaces    []Interface
	routes    []Route
	routesErr error
	busy      []int
	delay     time.Duration
	memHook   func() // runs inside Memory: a panic or a block
	mu        sync.Mutex
	ran       map[string]int // command line -> times run
}

// fakeCmd is one recorded command: its output, its error, or a hang.
type fakeCmd struct {
	out  Output
	err  error
	hang bool
}

func (f *fakeHost) wait(ctx context.Context) error {
	if f.delay == 0 {
		return nil
	}
	select {
	case <-time.After(f.delay):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (f *fakeHost) OS() string   { return f.os }
func (f *fakeHost) Arch() string { return f.arch }

func (f *fakeHost) Memory(ctx context.Context) (Memory, error) {
	if f.memHook != nil {
		f.memHook()
	}
	if err := f.wait(ctx); err != nil {
		return Memory{}, err
	}
	return f.mem, f.memErr
}

func (f *fakeHost) CPUs(ctx context.Context) (int, error) {
	if err := f.wait(ctx); err != nil {
		return 0, err
	}
	return f.cpus, f.cpusErr
}

func (f *fakeHost) DiskFree(ctx context.Context, path string) (uint64, error) {
	if err := f.wait(ctx); err != nil {
		return 0, err
	}
	free, ok := f.disk[path]
	if !ok {
		return 0, &fs.PathError{Op: "stat", Path: path, Err: fs.ErrNotExist}
	}
	return free, nil
}

func (f *fakeHost) ReadFile(ctx context.Context, path string) ([]byte, error) {
	if err := f.wait(ctx); err != nil {
		return nil, err
	}
	s, ok := f.files[path]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
	}
	return []byte(s), nil
}

func (f *fakeHost) ReadDir(ctx context.Context, path string) ([]string, error) {
	if err := f.wait(ctx); err != nil {
		return nil, err
	}
	names, ok := f.dirs[path]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
	}
	return slices.Sorted(slices.Values(names)), nil
}

func (f *fakeHost) Getenv(key string) string { return f.env[key] }
func (f *fakeHost) HomeDir() (string, error) { return f.home, nil }

func (f *fakeHost) LookPath(name string) (string, error) {
	if p, ok := f.paths[name]; ok {
		return p, nil
	}
	return "", &exec.Error{Name: name, Err: exec.ErrNotFound}
}

func (f *fakeHost) Run(ctx context.Context, c Command) (Output, error) {
	if err := f.wait(ctx); err != nil {
		return Output{}, err
	}
	line := strings.Join(append([]string{c.Name}, c.Args...), " ")
	f.mu.Lock()
	if f.ran == nil {
		f.ran = map[string]int{}
	}
	f.ran[line]++
	f.mu.Unlock()
	fc, ok := f.cmds[line]
	switch {
	case !ok:
		return Output{ExitCode: -1}, fmt.Errorf("%s: %w", line, exec.ErrNotFound)
	case fc.hang:
		<-ctx.Done()
		return Output{ExitCode: -1}, fmt.Errorf("%s: %w", line, ctx.Err())
	}
	return fc.out, fc.err
}

func (f *fakeHost) Interfaces(ctx context.Context) ([]Interface, error) { return f.ifaces, f.wait(ctx) }

func (f *fakeHost) Routes(ctx context.Context) ([]Route, error) {
	if err := f.wait(ctx); err != nil {
		return nil, err
	}
	return f.routes, f.routesErr
}

func (f *fakeHost) PortFree(ctx context.Context, port int) (bool, error) {
	return !slices.Contains(f.busy, port), f.wait(ctx)
}

// Fetch downloads for real, but only from loopback: the tests serve keys
// with httptest and must never reach another host.
func (f *fakeHost) Fetch(ctx context.Context, rawURL string) ([]byte, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	if ip, err := netip.ParseAddr(u.Hostname()); err != nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("the fake host fetches only from loopback, not %s", rawURL)
	}
	return fetchHTTP(ctx, rawURL)
}
