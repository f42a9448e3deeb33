package recipes

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/provision"
)

// Work directories of the Mesos daemons: the replicated log of the masters
// lives in theirs, so it must not be under /tmp.
const (
	masterWorkDir = "/var/lib/mesos/master"
	agentWorkDir  = "/var/lib/mesos/agent"
)

// MesosMaster returns the steps of one master, in order: AVENTER's Mesos
// package from the lab's signed repository with the checks of mesosInstall,
// the flags of mesos-master (ZooKeeper URL, quorum, the node's private
// address as ip and hostname, cluster name, work_dir), the agent service
// disabled, mesos-master running, and last a wait until one master of the
// lab is elected.
//
// A node that is not a master gets no steps.
func MesosMaster(c Cluster, n Node) []provision.Step {
	if n.Role != RoleMaster {
		return nil
	}
	dropIn := mesosDropIn(mesosUnit{name: "mesos-master", env: []envVar{
		{"MESOS_ZK", c.ZooKeeperURL("mesos")},
		{"MESOS_QUORUM", strconv.Itoa(c.Quorum)},
		{"MESOS_IP", n.IP},
		{"MESOS_HOSTNAME", n.IP},
		{"MESOS_CLUSTER", c.Name},
		{"MESOS_WORK_DIR", masterWorkDir},
		{"MESOS_HOSTNAME_LOOKUP", "false"},
	}})
	steps := append(mesosInstall(c, "mesos-master", dropIn),
		directory(masterWorkDir),
		// One package holds both daemons; a master must not also be an agent.
		provision.Service(provision.ServiceSpec{Name: "mesos-agent"}),
		provision.Service(provision.ServiceSpec{Name: "mesos-master", Enabled: true, Running: true, RestartOn: []provision.Step{dropIn}}),
		provision.Wait(provision.WaitSpec{
			Name: "an elected Mesos master", Probe: electedProbe(c.Masters()),
			Timeout: 5 * time.Minute, Interval: 3 * time.Second, AttemptTimeout: 30 * time.Second,
		}),
	)
	return steps
}

// mesosInstall returns the repository steps and the package of the Mesos
// daemon unit, with the drop-in and /etc/mesos/zk written before the
// package: a unit that the package starts at once then already runs with
// the lab's flags. After the package come two checks: the installed
// version is one the lab runs on, and no file of the package's wrapper
// overrides the drop-in.
func mesosInstall(c Cluster, unit string, dropIn provision.Step) []provision.Step {
	name := c.Sources.MesosPackage
	if v := c.Sources.MesosVersion; v != "" {
		name += "=" + v
	}
	// The deb does not declare every library it loads; AVENTER's own
	// deployments install these beside it.
	names := []string{"libcurl4-nss-dev", "libevent-dev", "libsasl2-modules", "libsvn1", "libunwind8", name}
	steps := append(provision.SignedRepo(mesosRepoSpec(c)), dropIn, mesosZKFile(c), provision.Package(provision.PackageSpec{Names: names}))
	if c.Sources.MesosPackage == aventerMesos {
		steps = append(steps, &mesosVersionStep{spec: mesosRepoSpec(c)})
	}
	return append(steps, &flagFilesStep{unit: unit, dropIn: mesosDropInPath(unit)})
}

// mesosUnit is what mesoslab's drop-in adds to a Mesos daemon's unit.
type mesosUnit struct {
	name string
	// after are units to start after and to pull in ([Unit] After= and
	// Wants=): the package's units name only the network.
	after []string
	// preStart are ExecStartPre= command lines, as systemd reads them.
	preStart []string
	// env are the daemon's flags as MESOS_<FLAG> variables.
	env []envVar
}

// mesosDropInPath is where the drop-in of unit lives.
func mesosDropInPath(unit string) string {
	return "/etc/systemd/system/" + unit + ".service.d/mesoslab.conf"
}

// mesosDropIn returns a systemd drop-in that gives the unit its flags as
// MESOS_* variables. Every Mesos daemon reads MESOS_<FLAG> as --<flag>
// itself. The package's unit runs mesos-init-wrapper, which passes no flag
// of its own while /etc/default/mesos* and /etc/mesos-{master,agent}/ hold
// nothing: a flag given there would reach the command line and win over
// the environment, which flagFilesStep refuses.
func mesosDropIn(u mesosUnit) provision.Step {
	var b strings.Builder
	b.WriteString("# Written by mesoslab: " + u.name + " reads each MESOS_<FLAG> as --<flag>.\n")
	if len(u.after) > 0 {
		deps := strings.Join(u.after, " ")
		b.WriteString("[Unit]\nAfter=" + deps + "\nWants=" + deps + "\n\n")
	}
	b.WriteString("[Service]\n")
	for _, p := range u.preStart {
		b.WriteString("ExecStartPre=" + p + "\n")
	}
	for _, e := range u.env {
		b.WriteString(provision.SystemdEnv(e.name, e.value) + "\n")
	}
	return provision.File(provision.FileSpec{
		Path: mesosDropInPath(u.name), Content: []byte(b.String()), Mode: 0o644, Owner: "root:root",
	})
}

// directory returns a step that keeps path a directory.
func directory(path string) provision.Step {
	return provision.Shell(provision.ShellSpec{
		Name:  "directory " + path,
		Check: "test -d " + provision.Quote(path),
		Apply: "install -d -m 0755 -- " + provision.Quote(path),
	})
}

// electedProbe asks every master's /metrics/snapshot from the node and
// passes when one reports master/elected = 1. Standbys answer 0 there
// rather than redirecting, so each master speaks for itself.
func electedProbe(masters []Node) provision.Probe {
	return func(ctx context.Context, r provision.Runner) error {
		var seen []string
		for _, m := range masters {
			url := stack.BaseURL(m.IP, stack.MesosMasterPort) + "/metrics/snapshot"
			res, err := r.Run(ctx, provision.Command{Cmd: "curl -sS --max-time 5 -- " + provision.Quote(url)})
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				seen = append(seen, m.IP+": no answer")
				continue
			}
			var metrics map[string]any
			if err := json.Unmarshal(res.Stdout, &metrics); err != nil {
				seen = append(seen, m.IP+": unreadable metrics")
				continue
			}
			if v, _ := metrics["master/elected"].(float64); v == 1 {
				return nil
			}
			seen = append(seen, m.IP+": not elected")
		}
		return errors.New("no Mesos master elected yet (" + strings.Join(seen, ", ") + ")")
	}
}

// mesosRepoSpec is the Mesos repository of the lab's sources.
func mesosRepoSpec(c Cluster) provision.SignedRepoSpec {
	s := c.Sources
	return provision.SignedRepoSpec{
		Name: "mesos", Repo: s.MesosRepo, KeyURL: s.MesosKeyURL, Package: s.MesosPackage, Version: s.MesosVersion,
		RepoKey: "sources.mesos.repo", KeyURLKey: "sources.mesos.key_url",
		PackageKey: "sources.mesos.package", VersionKey: "sources.mesos.version",
	}
}
