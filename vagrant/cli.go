package vagrant

import (
	"context"
	"sync"
	"time"
)

// CLIOptions tunes a CLI; the zero value is ready to use.
type CLIOptions struct {
	// Binary is the vagrant executable: a path, or a name looked up on
	// PATH when a command starts. Default "vagrant".
	Binary string
	// Env is added to mesoslab's environment for every vagrant child
	// (for example VAGRANT_HOME). VAGRANT_CHECKPOINT_DISABLE=1 is always set.
	Env []string
	// Grace is how long vagrant may clean up after its SIGINT before it is
	// killed. Default 2 minutes: destroying a half-created VM takes time.
	Grace time.Duration
	// TerminateGrace is how long vagrant may take to exit after Terminate
	// forwarded it a SIGTERM before it is killed. Default 10 seconds: a
	// SIGTERM asks for an end, not a cleanup.
	TerminateGrace time.Duration
}

// DefaultGrace is the Grace of a CLI whose options leave it zero.
const DefaultGrace = 2 * time.Minute

// DefaultTerminateGrace is the TerminateGrace of a CLI whose options leave it zero.
const DefaultTerminateGrace = 10 * time.Second

// CLI is the Driver that runs the vagrant command in one lab directory.
// It is safe for concurrent use; commands for one node run one at a time,
// since Vagrant locks each machine for the length of a command.
//
// Every command goes through CLI's own runner rather than go-vagrant
// (which the tests keep as a reference parser): go-vagrant hides its
// exec.Cmd, so its children cannot get a process group of their own and
// its context cancel is a SIGKILL that leaves Vagrant no cleanup; it finds
// the binary on PATH only; its status drops the provider; it discards
// lines that are not machine-readable, and its 64 KiB line limit can stall
// vagrant on a full pipe.
type CLI struct {
	dir    string
	binary string
	env    []string
	grace  time.Duration
	// termGrace bounds the wait after a forwarded SIGTERM.
	termGrace time.Duration

	nodes    nodeLocks
	killed   chan struct{}
	killOnce sync.Once
	term     chan struct{}
	termOnce sync.Once
}

// NewCLI returns a CLI for the Vagrantfile in dir. Nothing runs yet: the
// Vagrantfile may be written after this, and Version works without it.
func NewCLI(dir string, opts CLIOptions) *CLI {
	c := &CLI{
		dir:       dir,
		binary:    opts.Binary,
		env:       append([]string(nil), opts.Env...),
		grace:     opts.Grace,
		termGrace: opts.TerminateGrace,
		killed:    make(chan struct{}),
		term:      make(chan struct{}),
	}
	if c.binary == "" {
		c.binary = "vagrant"
	}
	if c.grace <= 0 {
		c.grace = DefaultGrace
	}
	if c.termGrace <= 0 {
		c.termGrace = DefaultTerminateGrace
	}
	return c
}

// Up runs `vagrant up --machine-readable --no-provision
// --no-destroy-on-error [--provider P] NODE`. mesoslab provisions over SSH
// itself, and keeps a node that failed to come up so that it can be looked
// at, and brought up again or destroyed by the caller.
func (c *CLI) Up(ctx context.Context, node, provider string, onEvent func(Event)) error {
	args := []string{"up", "--machine-readable", "--no-provision", "--no-destroy-on-error"}
	if provider != "" {
		args = append(args, "--provider", provider)
	}
	return c.nodeCommand(ctx, node, append(args, node), onEvent)
}

// Halt runs `vagrant halt --machine-readable NODE`.
func (c *CLI) Halt(ctx context.Context, node string) error {
	return c.nodeCommand(ctx, node, []string{"halt", "--machine-readable", node}, nil)
}

// Destroy runs `vagrant destroy --machine-readable --force NODE`; without
// --force, Vagrant would ask for confirmation and fail with UIExpectsTTY.
func (c *CLI) Destroy(ctx context.Context, node string) error {
	return c.nodeCommand(ctx, node, []string{"destroy", "--machine-readable", "--force", node}, nil)
}

// Status runs `vagrant status --machine-readable`.
func (c *CLI) Status(ctx context.Context) ([]MachineStatus, error) {
	var st statusCollector
	err := c.machineReadable(ctx, "", []string{"status", "--machine-readable"}, st.add)
	if err != nil {
		return nil, err
	}
	return st.machines, nil
}

// nodeCommand runs a machine-readable command for node once no other
// command for node is running.
func (c *CLI) nodeCommand(ctx context.Context, node string, args []string, onEvent func(Event)) error {
	unlock, err := c.nodes.lock(ctx, node)
	if err != nil {
		return &Error{Node: node, Command: args[0], ExitCode: -1, Err: err}
	}
	defer unlock()
	return c.machineReadable(ctx, node, args, onEvent)
}

// statusCollector gathers machines from status events in Vagrant's order.
type statusCollector struct {
	machines []MachineStatus
}

func (s *statusCollector) add(e Event) {
	if e.Node == "" {
		return
	}
	var m *MachineStatus
	for i := range s.machines {
		if s.machines[i].Name == e.Node {
			m = &s.machines[i]
		}
	}
	switch e.Kind {
	case "state", "provider-name":
	case "metadata":
		if len(e.Fields) < 2 || e.Fields[0] != "provider" {
			return
		}
	default:
		return
	}
	if m == nil {
		s.machines = append(s.machines, MachineStatus{Name: e.Node})
		m = &s.machines[len(s.machines)-1]
	}
	switch e.Kind {
	case "state":
		m.State = e.Data
	case "provider-name":
		m.Provider = e.Data
	case "metadata":
		if m.Provider == "" {
			m.Provider = e.Fields[1]
		}
	}
}
