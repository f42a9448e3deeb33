package vagrant

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
)

// The driver's end-to-end lab: its own subnet and SSH ports, which no other
// test of the repository uses, so it can run beside them.
const (
	e2eImage  = "mesoslab/node:debian-12"
	e2eLab    = "vagrant-driver-e2e"
	e2eSubnet = "192.168.61"
)

var e2eNodes = []Node{
	{Name: "master1", Role: "master", IP: e2eSubnet + ".11", SSHPort: 2361, MemoryMB: 512, CPUs: 1},
	{Name: "agent1", Role: "agent", IP: e2eSubnet + ".21", SSHPort: 2362, MemoryMB: 512, CPUs: 1},
	{Name: "agent2", Role: "agent", IP: e2eSubnet + ".22", SSHPort: 2363, MemoryMB: 512, CPUs: 1},
	{Name: "agent3", Role: "agent", IP: e2eSubnet + ".23", SSHPort: 2364, MemoryMB: 512, CPUs: 1},
}

// TestE2EDockerLab drives real Vagrant with its docker provider through a
// node's life: concurrent up, status, ssh-config, halt, an up cancelled
// midway, an up that fails, and destroy.
func TestE2EDockerLab(t *testing.T) {
	testenv.NeedShort(t)
	testenv.NeedCommand(t, "vagrant")
	testenv.NeedImage(t, e2eImage)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	dir := t.TempDir()
	writeVagrantfile(t, dir)
	c := NewCLI(dir, CLIOptions{Grace: time.Minute})
	t.Cleanup(func() { destroyAll(t, c) })

	v, err := c.Version(ctx)
	if err != nil {
		t.Fatalf("Version: %v", err)
	}
	t.Logf("vagrant %s", v)

	// Up of two nodes at once; each streams its own events.
	start := time.Now()
	var (
		wg     sync.WaitGroup
		errs   [2]error
		phases [2][]string
	)
	for i, n := range e2eNodes[:2] {
		wg.Go(func() {
			errs[i] = c.Up(ctx, n.Name, ProviderDocker, func(e Event) {
				if e.Node != n.Name {
					t.Errorf("Up %s: event for %q: %q", n.Name, e.Node, e.Data)
				}
				if p := e.Phase(); p != "" {
					phases[i] = append(phases[i], p)
				}
			})
		})
	}
	wg.Wait()
	t.Logf("timing: up of master1 and agent1 together: %s", time.Since(start).Round(time.Millisecond))
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Up %s: %v", e2eNodes[i].Name, err)
		}
		if !slices.Contains(phases[i], "creating container") || !slices.Contains(phases[i], "waiting for SSH") {
			t.Errorf("%s went through %q, want creating container and waiting for SSH", e2eNodes[i].Name, phases[i])
		}
	}

	start = time.Now()
	st := status(ctx, t, c)
	t.Logf("timing: status: %s", time.Since(start).Round(time.Millisecond))
	for _, n := range e2eNodes[:2] {
		if m := st[n.Name]; !m.Running() || m.Provider != ProviderDocker {
			t.Errorf("status of %s = %+v, want running on docker", n.Name, m)
		}
	}
	if m := st["agent2"]; m.Created() {
		t.Errorf("status of agent2 = %+v, want not created", m)
	}

	for _, n := range e2eNodes[:2] {
		checkSSH(ctx, t, c, n)
	}

	if err := c.Halt(ctx, "agent1"); err != nil {
		t.Fatalf("Halt agent1: %v", err)
	}
	if m := status(ctx, t, c)["agent1"]; m.State != "stopped" {
		t.Errorf("status of agent1 after halt = %+v, want stopped", m)
	}

	cancelledUp(ctx, t, c, "agent2")
	failedUp(ctx, t, c, e2eNodes[3])

	start = time.Now()
	destroyAll(t, c)
	t.Logf("timing: destroy of %d nodes: %s", len(e2eNodes), time.Since(start).Round(time.Millisecond))
	for _, m := range status(ctx, t, c) {
		if m.Created() {
			t.Errorf("after destroy %s is %s", m.Name, m.State)
		}
	}
	// Vagrant removes the lab's Docker network with its last machine.
	network := "vagrant_network_" + e2eSubnet + ".0/24"
	out, err := exec.CommandContext(ctx, "docker", "network", "ls", "-q", "--filter", "name="+network).Output()
	if err != nil || strings.TrimSpace(string(out)) != "" {
		t.Errorf("docker network %s after destroy: %q, %v", network, out, err)
	}
}

// cancelledUp cancels an up of node once its container is being created,
// as a Ctrl-C would: vagrant must clean up and exit by itself, well within
// the grace period, and the node must come up with the next Up.
func cancelledUp(ctx context.Context, t *testing.T, c *CLI, node string) {
	t.Helper()
	upCtx, cancelUp := context.WithCancel(ctx)
	defer cancelUp()
	var cancelledAt time.Time
	err := c.Up(upCtx, node, ProviderDocker, func(e Event) {
		if e.Phase() == "creating container" && cancelledAt.IsZero() {
			cancelledAt = time.Now()
			cancelUp()
		}
	})
	if cancelledAt.IsZero() {
		t.Fatalf("Up %s never created a container: %v", node, err)
	}
	t.Logf("timing: cancelled up of %s returned %s after the cancel", node, time.Since(cancelledAt).Round(time.Millisecond))
	var ve *Error
	if !errors.Is(err, context.Canceled) || !errors.As(err, &ve) {
		t.Fatalf("cancelled Up %s = %v, want an *Error wrapping context.Canceled", node, err)
	}
	if ve.Kind != "Vagrant::Errors::VagrantInterrupt" || ve.ExitCode != 1 {
		t.Errorf("cancelled Up %s: %s (kind %q), want vagrant to exit by itself after its cleanup", node, ve, ve.Kind)
	}
	m := status(ctx, t, c)[node]
	t.Logf("%s after the cancelled up: %s", node, m.State)
	if !slices.Contains([]string{"not_created", "preparing", "stopped", "running"}, m.State) {
		t.Errorf("state of %s after the cancelled up = %q", node, m.State)
	}
	if err := c.Up(ctx, node, ProviderDocker, nil); err != nil {
		t.Fatalf("Up %s after the cancelled one: %v", node, err)
	}
	if m := status(ctx, t, c)[node]; !m.Running() {
		t.Errorf("status of %s after the second up = %+v, want running", node, m)
	}
}

// failedUp brings node up while its SSH port is taken on 127.0.0.1: Vagrant
// refuses with ForwardPortCollision, and the other nodes are unaffected.
func failedUp(ctx context.Context, t *testing.T, c *CLI, n Node) {
	t.Helper()
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", n.SSHPort))
	if err != nil {
		t.Fatalf("take port %d: %v", n.SSHPort, err)
	}
	defer l.Close()
	err = c.Up(ctx, n.Name, ProviderDocker, nil)
	var ve *Error
	if !errors.As(err, &ve) || ve.Kind != "Vagrant::Errors::ForwardPortCollision" || ve.ExitCode != 1 || ve.Node != n.Name {
		t.Fatalf("Up %s on a taken port = %#v, want ForwardPortCollision", n.Name, err)
	}
	if !strings.Contains(ve.Message, fmt.Sprint(n.SSHPort)) {
		t.Errorf("message %q does not name port %d", ve.Message, n.SSHPort)
	}
	if m := status(ctx, t, c)["master1"]; !m.Running() {
		t.Errorf("master1 after %s failed = %+v, want running", n.Name, m)
	}
}

// checkSSH asks for node's ssh-config and finds sshd behind it.
func checkSSH(ctx context.Context, t *testing.T, c *CLI, n Node) {
	t.Helper()
	cfg, err := c.SSHConfig(ctx, n.Name)
	if err != nil {
		t.Fatalf("SSHConfig %s: %v", n.Name, err)
	}
	if cfg.Host != n.Name || cfg.HostName != "127.0.0.1" || cfg.Port != n.SSHPort || cfg.User != "vagrant" || len(cfg.IdentityFiles) == 0 {
		t.Fatalf("SSHConfig %s = %+v, want 127.0.0.1:%d as vagrant with a key", n.Name, cfg, n.SSHPort)
	}
	if _, err := os.Stat(cfg.IdentityFiles[0]); err != nil {
		t.Errorf("key of %s: %v", n.Name, err)
	}
	conn, err := net.DialTimeout("tcp", fmt.Sprintf("%s:%d", cfg.HostName, cfg.Port), 10*time.Second)
	if err != nil {
		t.Fatalf("dial %s: %v", n.Name, err)
	}
	defer conn.Close()
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	banner, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || !strings.HasPrefix(banner, "SSH-2.0-") {
		t.Errorf("%s:%d answers %q, %v; want an SSH banner", cfg.HostName, cfg.Port, banner, err)
	}
}

func status(ctx context.Context, t *testing.T, c *CLI) map[string]MachineStatus {
	t.Helper()
	list, err := c.Status(ctx)
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	if len(list) != len(e2eNodes) {
		t.Fatalf("Status lists %v, want the %d nodes of the Vagrantfile", list, len(e2eNodes))
	}
	m := map[string]MachineStatus{}
	for _, s := range list {
		m[s.Name] = s
	}
	return m
}

func writeVagrantfile(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "Vagrantfile"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := Data{Lab: e2eLab, Provider: ProviderDocker, DockerImage: e2eImage, Nodes: e2eNodes}
	if err := Render(f, d); err != nil {
		t.Fatalf("Render: %v", err)
	}
}

// destroyAll destroys every node, one at a time (the last one also removes
// the lab's Docker network), and checks with Docker that no container is left.
func destroyAll(t *testing.T, c *CLI) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	for _, n := range e2eNodes {
		if err := c.Destroy(ctx, n.Name); err != nil {
			t.Errorf("Destroy %s: %v", n.Name, err)
		}
	}
	out, err := exec.CommandContext(ctx, "docker", "ps", "-a", "--format", "{{.Names}}", "--filter", "name=mesoslab-"+e2eLab+"-").Output()
	if err != nil {
		t.Errorf("docker ps: %v", err)
		return
	}
	if left := strings.Fields(string(out)); len(left) > 0 {
		t.Errorf("containers left after destroy: %q", left)
		_ = exec.Command("docker", append([]string{"rm", "-f"}, left...)...).Run()
	}
}
