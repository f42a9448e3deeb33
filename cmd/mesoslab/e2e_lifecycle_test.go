package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/vagrant"
)

// TestContainerLabLifecycle drives a real 3-master, 2-agent container lab
// (real vagrant, real Docker) through up, a no-op up, SSH into every node,
// halt and resume, a container killed behind Vagrant's back, and destroy.
func TestContainerLabLifecycle(t *testing.T) {
	needContainerLab(t)
	l := newContainerLab(t, "e2e-life", "192.168.58.0/24", 2500, 3, 2)

	start := time.Now()
	evs := events(t, l.must("up", "-o", "json", "--no-provision"))
	wall := time.Since(start)
	var sum time.Duration
	done := map[string]bool{}
	for _, e := range evs {
		if e.Stage == lab.StageMachines && e.Status == lab.EventDone {
			done[e.Node] = true
			sum += e.Elapsed.Std()
		}
	}
	if len(done) != 5 {
		t.Fatalf("up finished %d nodes, want 5: %v", len(done), done)
	}
	t.Logf("up of 5 nodes: wall %s, sum of per-node up times %s, concurrency ratio wall/sum = %.2f",
		wall.Round(time.Millisecond), sum.Round(time.Millisecond), wall.Seconds()/sum.Seconds())
	l.assertAll("running")
	for node := range l.states() {
		out, err := exec.Command("docker", "port", "mesoslab-e2e-life-"+node).Output()
		if err != nil || !strings.HasPrefix(strings.TrimSpace(string(out)), "22/tcp -> 127.0.0.1:") || strings.Count(string(out), "\n") != 1 {
			t.Errorf("%s publishes %q: only SSH, only on 127.0.0.1, is allowed (%v)", node, out, err)
		}
	}

	l.subtest(t, "every node answers SSH with the ssh-config Vagrant returned", func(t *testing.T) {
		drv := vagrant.NewCLI(l.dir().Root, vagrant.CLIOptions{})
		var doc planDoc
		if err := json.Unmarshal([]byte(l.must("plan", "-o", "json")), &doc); err != nil {
			t.Fatal(err)
		}
		for _, n := range doc.Nodes {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			cfg, err := drv.SSHConfig(ctx, n.Name)
			if err != nil {
				t.Fatalf("ssh-config %s: %v", n.Name, err)
			}
			if cfg.HostName != "127.0.0.1" || cfg.Port != n.SSHPort {
				t.Errorf("%s: ssh-config %s:%d, want 127.0.0.1:%d", n.Name, cfg.HostName, cfg.Port, n.SSHPort)
			}
			r, err := provision.DialSSH(ctx, provision.SSHTarget{Node: n.Name, Addr: cfg.HostName, Port: cfg.Port,
				User: cfg.User, KeyFiles: cfg.IdentityFiles, KnownHosts: l.dir().KnownHosts()}, provision.DialOptions{})
			if err != nil {
				t.Fatalf("dial %s: %v", n.Name, err)
			}
			res, err := r.Run(ctx, provision.Command{Cmd: "hostname; ip -4 -o addr show"})
			r.Close()
			cancel()
			if err != nil || !strings.HasPrefix(string(res.Stdout), n.Name+"\n") || !strings.Contains(string(res.Stdout), n.IP.String()+"/24") {
				t.Errorf("%s: hostname/address wrong: %v\n%s", n.Name, err, res.Stdout)
			}
		}
	})

	l.subtest(t, "a second up does nothing", func(t *testing.T) {
		start := time.Now()
		evs := events(t, l.must("up", "-o", "json", "--no-provision"))
		noop := time.Since(start)
		for _, e := range evs {
			if e.Stage == lab.StageMachines && e.Status != lab.EventSkipped {
				t.Errorf("no-op up acted on %s: %+v", e.Node, e)
			}
		}
		t.Logf("no-op up: %s (%.3f of the first up)", noop.Round(time.Millisecond), noop.Seconds()/wall.Seconds())
	})

	l.subtest(t, "halt then up resumes, even after another lab's destroy took the network", func(t *testing.T) {
		l.must("halt")
		l.assertAll("stopped")
		// What `vagrant destroy` in any other container lab does to a halted one.
		if out, err := exec.Command("docker", "network", "rm", "vagrant_network_"+l.subnet).CombinedOutput(); err != nil {
			t.Fatalf("docker network rm: %v %s", err, out)
		}
		out := l.must("up", "--no-provision")
		if !strings.Contains(out, "re-created the lab network") {
			t.Errorf("up did not say it put the network back:\n%s", out)
		}
		l.assertAll("running")
		addr := l.must("ssh", "agent1", "--", "ip -4 -o addr show")
		if !strings.Contains(addr, "192.168.58.21/24") {
			t.Errorf("agent1 lost its private address:\n%s", addr)
		}
	})

	l.subtest(t, "a container killed behind Vagrant's back comes back", func(t *testing.T) {
		if out, err := exec.Command("docker", "kill", "mesoslab-e2e-life-agent2").CombinedOutput(); err != nil {
			t.Fatalf("docker kill: %v %s", err, out)
		}
		if st := l.states()["agent2"]; st == "running" {
			t.Fatalf("status says agent2 is running after docker kill")
		}
		l.must("up", "--no-provision")
		l.assertAll("running")
	})

	l.subtest(t, "destroy leaves no container, network or lock", func(t *testing.T) {
		l.must("destroy", "--force")
		out, _ := exec.Command("docker", "ps", "-a", "--format", "{{.Names}}", "--filter", "name=mesoslab-e2e-life-").Output()
		if strings.TrimSpace(string(out)) != "" {
			t.Errorf("containers left: %s", out)
		}
		nets, _ := exec.Command("docker", "network", "ls", "--format", "{{.Name}}").Output()
		if strings.Contains(string(nets), "192.168.58.0") {
			t.Errorf("network left: %s", nets)
		}
		for _, f := range []string{l.dir().Lock(), l.dir().Vagrantfile(), l.dir().ResolvedSpec()} {
			if _, err := os.Stat(f); err == nil {
				t.Errorf("%s left behind", f)
			}
		}
		if _, err := os.Stat(l.dir().Config()); err != nil {
			t.Errorf("destroy removed mesoslab.yaml: %v", err)
		}
		if _, _, code := l.run("destroy", "--force"); code != 0 {
			t.Errorf("a second destroy failed: exit %d", code)
		}
	})
}

// TestContainerLabInterruptedUpResumes sends SIGINT to `mesoslab up` once a
// node is up and the others are on their way, then checks that the next up
// completes the lab.
func TestContainerLabInterruptedUpResumes(t *testing.T) {
	needContainerLab(t)
	l := newContainerLab(t, "e2e-int", "192.168.62.0/24", 2520, 3, 2)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := l.cmd(ctx, "up", "-o", "json", "--parallel", "2", "--no-provision")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	signalled := false
	for sc.Scan() {
		var e lab.Event
		if json.Unmarshal(sc.Bytes(), &e) == nil && e.Stage == lab.StageMachines && e.Status == lab.EventDone && !signalled {
			// master1 is up alone; the next nodes are starting now.
			time.Sleep(2 * time.Second)
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			signalled = true
		}
	}
	err = cmd.Wait()
	if !signalled {
		t.Fatalf("up ended before any node was up: %v\n%s", err, stderr.String())
	}
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != exitInterrupted {
		t.Fatalf("interrupted up: %v, want exit %d\n%s", err, exitInterrupted, stderr.String())
	}
	if !strings.Contains(stderr.String(), "`mesoslab up` again to resume") {
		t.Errorf("no resume advice after Ctrl-C:\n%s", stderr.String())
	}
	t.Logf("after the interrupt: %v", l.states())
	l.must("up", "--no-provision")
	l.assertAll("running")
}
