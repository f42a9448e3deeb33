package recipes

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/provision"
)

// Agent returns the steps of one agent, in order: the Docker engine, the
// demo image (sources.demo.image) pulled ahead, Mesos
// from the lab's signed repository with the checks of mesosInstall, the
// flags of mesos-agent, the master service disabled, mesos-agent running,
// and last a wait until the leading master lists the agent. The flags: the
// ZooKeeper URL as master, the docker and mesos containerizers, a 5 minute
// executor registration timeout for image pulls, the node's private address
// as ip and hostname, and what Mesos 1.11 needs on a cgroup v2 box: no
// systemd integration (it wants the v1 named hierarchy and the agent exits
// without it), and the isolators and launcher that AVENTER's builds (0.5.0
// and later) run on cgroup v2, rather than the removed --enable_cgroupsv2.
// The drop-in also makes the cgroup root those isolators need
// (cgroupRootScript), and starts the agent after dockerd: its recovery asks
// Docker for the containers it launched and exits when Docker is not up.
//
// A node that is not an agent gets no steps.
func Agent(c Cluster, n Node) []provision.Step {
	if n.Role != RoleAgent {
		return nil
	}
	dropIn := mesosDropIn(mesosUnit{
		name:     "mesos-agent",
		after:    []string{"docker.service"},
		preStart: []string{"/bin/sh -c " + provision.SystemdArg(cgroupRootScript) + " cgroup-root " + cgroupMount},
		env: []envVar{
			{"MESOS_MASTER", c.ZooKeeperURL("mesos")},
			{"MESOS_CONTAINERIZERS", "docker,mesos"},
			{"MESOS_EXECUTOR_REGISTRATION_TIMEOUT", "5mins"},
			{"MESOS_IP", n.IP},
			{"MESOS_HOSTNAME", n.IP},
			{"MESOS_WORK_DIR", agentWorkDir},
			{"MESOS_HOSTNAME_LOOKUP", "false"},
			{"MESOS_SYSTEMD_ENABLE_SUPPORT", "false"},
			{"MESOS_LAUNCHER", "linux"},
			{"MESOS_ISOLATION", "cgroups/cpu,cgroups/mem,filesystem/linux,docker/runtime"},
			{"MESOS_IMAGE_PROVIDERS", "docker"},
		},
	})
	steps := Docker(c, n)
	if c.Sources.DemoImage != "" {
		steps = append(steps, provision.Image(provision.ImageSpec{Image: c.Sources.DemoImage, Key: "sources.demo.image"}))
	}
	steps = append(steps, mesosInstall(c, "mesos-agent", dropIn)...)
	return append(steps,
		directory(agentWorkDir),
		provision.Service(provision.ServiceSpec{Name: "mesos-master"}),
		provision.Service(provision.ServiceSpec{Name: "mesos-agent", Enabled: true, Running: true, RestartOn: []provision.Step{dropIn}}),
		provision.Wait(provision.WaitSpec{
			Name: "agent " + n.IP + " registered", Probe: registeredProbe(c.Masters(), n.IP),
			Timeout: 5 * time.Minute, Interval: 3 * time.Second, AttemptTimeout: 30 * time.Second,
		}),
	)
}

// cgroupMount is where the unified cgroup hierarchy is mounted.
const cgroupMount = "/sys/fs/cgroup"

// cgroupRootScript runs before mesos-agent with the cgroup mount as $1. The
// agent's cgroup v2 isolators assert that the cgroup root --cgroups_root
// (default "mesos", so /sys/fs/cgroup/mesos) exists before each container,
// and enable controllers only in the containers' cgroups below it, so the
// root's cgroup.subtree_control must already hold cpu and memory. Only the
// agent's --agent_subsystems would create it, and the lab does not set
// that. The package's unit turns on CPU and memory accounting, so systemd
// already enables both controllers at the top of the hierarchy.
//
// It acts only on a cgroup v2 mount (cgroup.controllers exists only there)
// that is writable, so it is a no-op on a cgroup v1 box and in the container
// lab, whose cgroup tree is read-only; it is safe to run again. When the
// controllers cannot be enabled it fails the unit and says why. It is one
// line, as an Exec line of a unit file must be, and quotes nothing: its
// paths have no blanks, and the unit file's quoting stays readable.
const cgroupRootScript = `r=$1; ` +
	`if [ -f $r/cgroup.controllers ] && [ -w $r ]; then ` +
	`mkdir -p $r/mesos && echo +cpu +memory > $r/mesos/cgroup.subtree_control || { ` +
	`echo mesoslab: cannot enable cpu and memory in $r/mesos, $r/cgroup.subtree_control has: $(cat $r/cgroup.subtree_control) >&2; exit 1; }; ` +
	`fi`

// registeredProbe asks each master for its registered agents, following the
// redirect from a standby to the leader, and passes when the leader lists an
// active agent at ip.
func registeredProbe(masters []Node, ip string) provision.Probe {
	return func(ctx context.Context, r provision.Runner) error {
		var seen []string
		for _, m := range masters {
			url := stack.BaseURL(m.IP, stack.MesosMasterPort) + "/master/slaves"
			res, err := r.Run(ctx, provision.Command{Cmd: "curl -sS -L --max-time 5 -- " + provision.Quote(url)})
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				seen = append(seen, m.IP+": no answer")
				continue
			}
			var state struct {
				Slaves []struct {
					PID      string `json:"pid"`
					Hostname string `json:"hostname"`
					Active   bool   `json:"active"`
				} `json:"slaves"`
			}
			if err := json.Unmarshal(res.Stdout, &state); err != nil {
				seen = append(seen, m.IP+": no leader")
				continue
			}
			for _, s := range state.Slaves {
				if s.Active && (s.Hostname == ip || strings.Contains(s.PID, "@"+ip+":")) {
					return nil
				}
			}
			seen = append(seen, fmt.Sprintf("%s: not among the %d listed", m.IP, len(state.Slaves)))
		}
		return errors.New("agent " + ip + " not registered with the leading master yet (" + strings.Join(seen, ", ") + ")")
	}
}
