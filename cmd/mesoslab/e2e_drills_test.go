package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/vagrant"
)

// TestContainerLabFaultDrills runs the drills users live through, in one
// ZooKeeper-only container lab of 3 masters and 2 agents: mesoslab killed
// mid-provisioning, two ups at once, the apt lock held, SSH dropped mid
// command, a node killed mid-provisioning, a node re-created by hand, and
// dockerd restarted. Each ends with the lab verified and no user file lost.
func TestContainerLabFaultDrills(t *testing.T) {
	needContainerLab(t)
	l := newContainerLab(t, "e2e-drill", "192.168.60.0/24", 2560, 3, 2)
	if err := os.WriteFile(l.dir().Config(), []byte(fmt.Sprintf(zkOnlyConfig, l.subnet, 2560)), 0o644); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(l.dir().Config())
	if err := os.WriteFile(l.dir().Config(), []byte(strings.Replace(string(data), "agents: 1", "agents: 2", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := lab.Resolve(lab.ResolveOptions{Home: l.home, Lab: l.name})
	if err != nil {
		t.Fatal(err)
	}
	p, err := config.NewPlan(r.Spec)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Minute)
	defer cancel()
	container := func(node string) string { return "mesoslab-" + l.name + "-" + node }

	// Each drill depends on the lab the one before left, so a failure stops the run.
	drill := func(name string, fn func(t *testing.T)) {
		if !l.subtest(t, name, fn) {
			t.FailNow()
		}
	}

	drill("1 SIGKILL during provisioning, then up converges", func(t *testing.T) {
		seed := uint64(time.Now().UnixNano())
		if s, err := strconv.ParseUint(os.Getenv("MESOSLAB_DRILL_SEED"), 10, 64); err == nil {
			seed = s
		}
		step := 5 + rand.New(rand.NewPCG(seed, seed)).IntN(30)
		t.Logf("seed %d (MESOSLAB_DRILL_SEED): SIGKILL at provisioning step event %d", seed, step)
		run := l.start(ctx, "up")
		seen := 0
		run.waitFor(t, 15*time.Minute, fmt.Sprintf("provisioning step %d", step), func(e lab.Event) bool {
			if e.Stage == lab.StageProvision && e.Status == lab.EventProgress {
				seen++
			}
			return seen >= step
		})
		if err := run.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		run.wait(t)
		holder, _ := os.ReadFile(l.dir().Lock())
		t.Logf("lock left by the killed process: %q", strings.TrimSpace(string(holder)))
		before := l.userFiles()
		l.must("up")
		l.assertHealthy(p)
		l.assertKept(before)
	})

	drill("5 a second up at once fails naming the first", func(t *testing.T) {
		first := l.start(ctx, "up")
		first.waitFor(t, time.Minute, "the first up to start", func(lab.Event) bool { return true })
		start := time.Now()
		_, stderr, code := l.run("up")
		refused := time.Since(start)
		pid := strconv.Itoa(first.cmd.Process.Pid)
		if code != 1 || !strings.Contains(stderr, "busy") || !strings.Contains(stderr, pid) {
			t.Errorf("second up: exit %d, want 1 naming PID %s:\n%s", code, pid, stderr)
		}
		t.Logf("the second up was refused in %s", refused.Round(time.Millisecond))
		if code := first.wait(t); code != 0 {
			t.Errorf("the first up failed: exit %d\n%s", code, first.stderr.String())
		}
		l.assertHealthy(p)
	})

	drill("4 the apt lock held on a node: the package step waits, then succeeds", func(t *testing.T) {
		l.must("ssh", "master3", "--", "sudo DEBIAN_FRONTEND=noninteractive apt-get remove -y zookeeperd")
		l.must("ssh", "master3", "--", "sudo systemd-run --unit mesoslab-drill-apt /usr/bin/apt-get -o 'DPkg::Pre-Invoke::=/bin/sleep 25' install -y --reinstall less")
		// The hook runs while apt holds the dpkg lock; [p] keeps pgrep from matching its own shell.
		waitRemote(t, l, "master3", "pgrep -f \"/bin/slee[p] 25\"", 60*time.Second)
		before := l.userFiles()
		start := time.Now()
		out := l.must("provision")
		t.Logf("provision with the lock held took %s", time.Since(start).Round(time.Second))
		if changedCount(t, out) == 0 {
			t.Errorf("zookeeperd was not installed again:\n%s", out)
		}
		l.assertHealthy(p)
		l.assertKept(before)
	})

	drill("3 SSH dropped during a long command: a clear error, then a re-run converges", func(t *testing.T) {
		l.must("ssh", "master3", "--", "sudo DEBIAN_FRONTEND=noninteractive apt-get remove -y zookeeperd")
		before := l.userFiles()
		run := l.start(ctx, "provision")
		run.waitFor(t, 5*time.Minute, "the package step on master3", func(e lab.Event) bool {
			return e.Node == "master3" && strings.Contains(e.Phase, "packages zookeeperd")
		})
		// Every sshd goes, the listener and the sessions; it is back 5 s later.
		drop := `pkill -f "[s]shd:"; sleep 5; systemctl start ssh` // [s]: not this shell
		if out, err := exec.Command("docker", "exec", container("master3"), "sh", "-c", drop).CombinedOutput(); err != nil {
			t.Fatalf("drop SSH: %v %s", err, out)
		}
		code := run.wait(t)
		t.Logf("provision after the drop: exit %d\n%s", code, lastLines(run.stderr.String(), 6))
		if code != 0 && !strings.Contains(run.stderr.String(), "master3") {
			t.Errorf("the failure does not name the node:\n%s", run.stderr.String())
		}
		out := l.must("provision")
		if strings.Contains(out, "[fail]") {
			t.Errorf("re-run did not converge:\n%s", out)
		}
		l.assertHealthy(p)
		l.assertKept(before)
	})

	drill("2 a node killed during provisioning: up brings it back and finishes", func(t *testing.T) {
		l.must("ssh", "master2", "--", "sudo DEBIAN_FRONTEND=noninteractive apt-get remove -y zookeeperd")
		before := l.userFiles()
		run := l.start(ctx, "up")
		run.waitFor(t, 5*time.Minute, "provisioning of master2's ZooKeeper", func(e lab.Event) bool {
			return e.Node == "master2" && e.Stage == lab.StageProvision && strings.HasPrefix(e.Phase, "zookeeper")
		})
		if out, err := exec.Command("docker", "kill", container("master2")).CombinedOutput(); err != nil {
			t.Fatalf("docker kill: %v %s", err, out)
		}
		code := run.wait(t)
		t.Logf("up with master2 killed: exit %d\n%s", code, lastLines(run.stderr.String(), 6))
		l.must("up")
		l.assertHealthy(p)
		l.assertKept(before)
	})

	drill("6 a node re-created by hand: the error names it and the fix", func(t *testing.T) {
		drv := vagrant.NewCLI(l.dir().Root, vagrant.CLIOptions{})
		if err := drv.Destroy(ctx, "agent1"); err != nil {
			t.Fatal(err)
		}
		if err := drv.Up(ctx, "agent1", "docker", nil); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := l.run("up")
		if code == 0 || !strings.Contains(stderr, "agent1") || !strings.Contains(stderr, "mesoslab ssh-reset agent1") {
			t.Errorf("up after a hand re-creation: exit %d\n%s", code, stderr)
		}
		l.must("ssh-reset", "agent1")
		l.must("up")
		l.assertHealthy(p)
	})

	drill("7 dockerd restarted under the lab: status tells the truth, up brings it back", func(t *testing.T) {
		restartDockerd(t)
		out := l.must("status", "-o", "json")
		if strings.Contains(out, `"state":"running"`) {
			t.Errorf("status claims running nodes after dockerd restarted:\n%s", out)
		}
		before := l.userFiles()
		l.must("up")
		l.assertHealthy(p)
		l.assertKept(before)
	})

	drill("6b up after a mesoslab destroy never trips on old keys", func(t *testing.T) {
		l.must("destroy", "--force")
		l.must("up")
		l.assertHealthy(p)
	})
}

// waitRemote polls a command on a node until it succeeds, bounded.
func waitRemote(t *testing.T, l *containerLab, node, cmd string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if _, _, code := l.run("ssh", node, "--", "sudo "+cmd); code == 0 {
			return
		}
		time.Sleep(time.Second)
	}
	t.Fatalf("%s on %s never succeeded within %s", cmd, node, d)
}

// restartDockerd restarts the Docker engine the way it was started: with
// systemd where it runs it, else as the test set-up does.
func restartDockerd(t *testing.T) {
	t.Helper()
	if exec.Command("systemctl", "is-active", "--quiet", "docker").Run() == nil {
		if out, err := exec.Command("systemctl", "restart", "docker").CombinedOutput(); err != nil {
			t.Fatalf("systemctl restart docker: %v %s", err, out)
		}
		return
	}
	out, err := exec.Command("pidof", "dockerd").Output()
	if err != nil {
		t.Fatalf("no dockerd to restart: %v", err)
	}
	pid, _ := strconv.Atoi(strings.Fields(string(out))[0])
	_ = syscall.Kill(pid, syscall.SIGTERM)
	for i := 0; i < 120 && syscall.Kill(pid, 0) == nil; i++ {
		time.Sleep(500 * time.Millisecond)
	}
	if out, err := exec.Command("bash", "../../scripts/setup-test-host.sh").CombinedOutput(); err != nil {
		t.Fatalf("start dockerd again: %v\n%s", err, out)
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
