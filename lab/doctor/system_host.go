package doctor

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/shirou/gopsutil/v3/disk"
	"github.com/shirou/gopsutil/v3/mem"
)

// systemHost reads the real machine.
type systemHost struct{}

// NewSystemHost returns the Host of the machine mesoslab runs on: gopsutil
// for memory and disk, os/exec for commands, net for interfaces and ports,
// and the OS routing table.
func NewSystemHost() Host { return systemHost{} }

func (systemHost) OS() string   { return runtime.GOOS }
func (systemHost) Arch() string { return runtime.GOARCH }

func (systemHost) Memory(ctx context.Context) (Memory, error) {
	vm, err := mem.VirtualMemoryWithContext(ctx)
	if err != nil {
		return Memory{}, fmt.Errorf("read memory: %w", err)
	}
	return Memory{Total: vm.Total, Available: vm.Available}, nil
}

// CPUs counts the logical CPUs this process may use, which is what the
// hypervisor can schedule vCPUs on.
func (systemHost) CPUs(context.Context) (int, error) { return runtime.NumCPU(), nil }

func (systemHost) DiskFree(ctx context.Context, path string) (uint64, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, err // keeps fs.ErrNotExist for the caller's walk up
	}
	u, err := disk.UsageWithContext(ctx, path)
	if err != nil {
		return 0, fmt.Errorf("disk usage of %s: %w", path, err)
	}
	return u.Free, nil
}

func (systemHost) ReadFile(_ context.Context, path string) ([]byte, error) { return os.ReadFile(path) }

func (systemHost) ReadDir(_ context.Context, path string) ([]string, error) {
	entries, err := os.ReadDir(path)
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names, err
}

func (systemHost) Getenv(key string) string             { return os.Getenv(key) }
func (systemHost) HomeDir() (string, error)             { return os.UserHomeDir() }
func (systemHost) LookPath(name string) (string, error) { return exec.LookPath(name) }

// Run starts the command in its own process group (on Unix) so a timeout
// ends the children too, such as the Ruby process behind `vagrant`.
func (systemHost) Run(ctx context.Context, c Command) (Output, error) {
	if c.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, c.Timeout, &noAnswerError{c.Timeout})
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, c.Name, c.Args...)
	cmd.Env = append(os.Environ(), c.Env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second // a grandchild holding the pipes must not hang us
	setProcessGroup(cmd)
	err := cmd.Run()
	out := Output{Stdout: stdout.String(), Stderr: stderr.String(), ExitCode: cmd.ProcessState.ExitCode()}
	if err != nil {
		line := strings.Join(append([]string{c.Name}, c.Args...), " ")
		if ctx.Err() != nil {
			return out, fmt.Errorf("%s: %w (output: %q)", line, context.Cause(ctx), strings.TrimSpace(out.Combined()))
		}
		return out, fmt.Errorf("%s: exit code %d: %w (output: %q)", line, out.ExitCode, err, strings.TrimSpace(out.Combined()))
	}
	return out, nil
}

func (systemHost) Interfaces(context.Context) ([]Interface, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, fmt.Errorf("list interfaces: %w", err)
	}
	var out []Interface
	for _, ifc := range ifs {
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		i := Interface{Name: ifc.Name, Loopback: ifc.Flags&net.FlagLoopback != 0}
		for _, a := range addrs {
			if ipn, ok := a.(*net.IPNet); ok {
				addr, _ := netip.AddrFromSlice(ipn.IP)
				ones, _ := ipn.Mask.Size()
				i.Prefixes = append(i.Prefixes, netip.PrefixFrom(addr.Unmap(), ones))
			}
		}
		out = append(out, i)
	}
	return out, nil
}

func (h systemHost) Routes(ctx context.Context) ([]Route, error) {
	switch runtime.GOOS {
	case "linux":
		b, err := os.ReadFile("/proc/net/route")
		if err != nil {
			return nil, err
		}
		return parseProcNetRoute(string(b))
	case "darwin", "freebsd":
		out, err := h.Run(ctx, Command{Name: "netstat", Args: []string{"-rn", "-f", "inet"}, Timeout: commandTimeout})
		if err != nil {
			return nil, err
		}
		return parseNetstatRoutes(out.Stdout), nil
	}
	return nil, fmt.Errorf("routes on %s: %w", runtime.GOOS, errors.ErrUnsupported)
}

// PortFree binds the port on 127.0.0.1 for a moment: any failure to bind
// means VirtualBox or Docker could not forward it either.
func (systemHost) PortFree(_ context.Context, port int) (bool, error) {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return false, nil
	}
	return true, l.Close()
}
