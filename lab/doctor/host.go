package doctor

import (
	"context"
	"net/netip"
	"time"
)

// Host is every fact about the machine that the checks read. The real
// implementation is NewSystemHost; tests feed recorded facts through a fake,
// so each check can be exercised for any OS, CPU and tool version.
//
// Paths are in the host's own syntax. A missing file or folder is reported
// with an error that wraps fs.ErrNotExist.
type Host interface {
	// OS is the host's GOOS ("linux", "darwin", "windows").
	OS() string
	// Arch is the host's GOARCH ("amd64", "arm64").
	Arch() string
	// Memory reports the physical memory of the host.
	Memory(ctx context.Context) (Memory, error)
	// CPUs reports the number of logical CPUs.
	CPUs(ctx context.Context) (int, error)
	// DiskFree reports the bytes free to an unprivileged user on the file
	// system that holds path.
	DiskFree(ctx context.Context, path string) (uint64, error)
	// ReadFile returns the content of a file such as /proc/cpuinfo.
	ReadFile(ctx context.Context, path string) ([]byte, error)
	// ReadDir returns the names of the entries of a folder, sorted.
	ReadDir(ctx context.Context, path string) ([]string, error)
	// Getenv returns an environment variable of the user, "" when unset.
	Getenv(key string) string
	// HomeDir returns the user's home folder.
	HomeDir() (string, error)
	// LookPath finds an executable by name on PATH, or checks that an
	// absolute path names an executable, and returns its path.
	LookPath(name string) (string, error)
	// Run runs a command and returns its output. A non-zero exit, a start
	// failure or a timeout is an error, and Output still holds what the
	// command printed so checks can read its message.
	Run(ctx context.Context, c Command) (Output, error)
	// Interfaces lists the host's network interfaces and their addresses.
	Interfaces(ctx context.Context) ([]Interface, error)
	// Routes lists the host's IPv4 routing table. Hosts where routes cannot
	// be read return an error, and checks fall back to the interfaces.
	Routes(ctx context.Context) ([]Route, error)
	// PortFree reports whether TCP port can be bound on 127.0.0.1 now.
	PortFree(ctx context.Context, port int) (bool, error)
	// Fetch downloads an http(s) URL from this host and returns the body
	// of a 200 answer; any other answer is an error naming the status.
	Fetch(ctx context.Context, url string) ([]byte, error)
}

// Memory is the host's physical memory in bytes.
type Memory struct {
	// Total is the installed RAM (gopsutil VirtualMemory().Total).
	Total uint64
	// Available is what programs can allocate now without swapping.
	Available uint64
}

// Command is one program invocation with its own time limit.
type Command struct {
	// Name is the program, a bare name looked up on PATH or a full path.
	Name string
	// Args are the arguments after the program name.
	Args []string
	// Env holds extra KEY=VALUE pairs added to the user's environment.
	Env []string
	// Timeout bounds the command; zero means only ctx bounds it.
	Timeout time.Duration
}

// Output is what a command printed and how it ended.
type Output struct {
	Stdout   string
	Stderr   string
	ExitCode int
}

// Combined returns stdout followed by stderr, the way a user sees them.
func (o Output) Combined() string {
	if o.Stderr == "" {
		return o.Stdout
	}
	if o.Stdout == "" {
		return o.Stderr
	}
	return o.Stdout + "\n" + o.Stderr
}

// Interface is one network interface and the prefixes of its addresses.
type Interface struct {
	Name     string
	Prefixes []netip.Prefix
	// Loopback is true for lo / lo0, which never conflict with a lab.
	Loopback bool
}

// Route is one entry of the routing table.
type Route struct {
	// Prefix is the destination network (0.0.0.0/0 for a default route).
	Prefix netip.Prefix
	// Iface is the interface the route leaves through.
	Iface string
}
