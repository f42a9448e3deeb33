package doctor

import (
	"context"
	"fmt"
	"io/fs"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
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

// td reads a file under testdata/.
func td(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const gib = 1 << 30

// healthyLinux is a 32 GiB, 8-CPU Debian laptop with Vagrant 2.4.9,
// VirtualBox 7.2.6, VT-x, no KVM, the box downloaded and a home LAN.
func healthyLinux(t testing.TB) *fakeHost {
	return &fakeHost{
		os: "linux", arch: "amd64",
		mem:  Memory{Total: 32 * gib, Available: 28 * gib},
		cpus: 8,
		disk: map[string]uint64{"/home/ada/lab": 200 * gib},
		files: map[string]string{"/proc/cpuinfo": td(t, "proc/cpuinfo-intel-vmx.txt"), "/proc/sys/kernel/osrelease": "6.1.0-28-amd64\n",
			"/proc/modules": td(t, "proc/modules-vboxdrv-no-kvm.txt")},
		dirs: map[string][]string{
			"/home/ada/.vagrant.d/boxes/bento-VAGRANTSLASH-debian-12":                   {"202502.21.0", "metadata_url"},
			"/home/ada/.vagrant.d/boxes/bento-VAGRANTSLASH-debian-12/202502.21.0":       {"amd64"},
			"/home/ada/.vagrant.d/boxes/bento-VAGRANTSLASH-debian-12/202502.21.0/amd64": {"virtualbox"},
		},
		env:   map[string]string{},
		home:  "/home/ada",
		paths: map[string]string{"vagrant": "/usr/bin/vagrant", "VBoxManage": "/usr/bin/VBoxManage"},
		cmds: map[string]fakeCmd{
			"/usr/bin/vagrant --version":    {out: Output{Stdout: td(t, "vagrant-version/2.4.9.txt")}},
			"/usr/bin/VBoxManage --version": {out: Output{Stdout: td(t, "vboxmanage-version/oracle-7.2.6.txt")}},
		},
		ifaces: []Interface{
			{Name: "lo", Loopback: true, Prefixes: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/8")}},
			{Name: "wlp0s20f3", Prefixes: []netip.Prefix{netip.MustParsePrefix("192.168.1.23/24")}},
		},
		routes: mustRoutes(t, td(t, "routes/proc-net-route-laptop.txt")),
	}
}

// haLab is the default lab: 3 masters and 3 agents with 2560 MB each.
func haLab() Lab {
	return Lab{Name: "mesoslab", Provider: ProviderVirtualBox, Dir: "/home/ada/lab", Box: "bento/debian-12",
		Masters: 3, Agents: 3, MemoryMB: 2560, CPUs: 1, LinkedClones: true,
		Subnet: netip.MustParsePrefix("192.168.56.0/24"), SSHPorts: []int{2222, 2200, 2201, 2202, 2203, 2204}}
}

func mustRoutes(t testing.TB, text string) []Route {
	t.Helper()
	r, err := parseProcNetRoute(text)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// runCheck runs one check through Run, as the CLI would with --only.
func runCheck(t *testing.T, h Host, lab Lab, id string) Result {
	t.Helper()
	rs := Run(context.Background(), h, lab, Options{Only: []string{id}, Timeout: 5 * time.Second})
	if len(rs) != 1 || rs[0].ID != id {
		t.Fatalf("Run(--only %s) = %+v", id, rs)
	}
	t.Logf("%s %s: %s | fix: %s", rs[0].ID, rs[0].Status, rs[0].Finding, rs[0].Fix)
	return rs[0]
}

// expect checks status and that finding and fix hold the given fragments.
func expect(t *testing.T, r Result, status Status, finding, fix []string) {
	t.Helper()
	if r.Status != status {
		t.Errorf("status = %s, want %s (finding %q)", r.Status, status, r.Finding)
	}
	for _, s := range finding {
		if !strings.Contains(r.Finding, s) {
			t.Errorf("finding %q lacks %q", r.Finding, s)
		}
	}
	for _, s := range fix {
		if !strings.Contains(r.Fix, s) {
			t.Errorf("fix %q lacks %q", r.Fix, s)
		}
	}
	if status != StatusOK && r.Fix == "" {
		t.Errorf("%s without a fix", status)
	}
}
