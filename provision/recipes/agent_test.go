package recipes

import (
	"context"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// These tests run against labNode: Mesos and a Mesos-capable Docker cannot
// run on the build machine.

func TestAgentFreshThenConverged(t *testing.T) {
	c := testCluster("default", 3, 3)
	f := newLabNode(t, c.node("agent1"))
	provisionTwice(t, f, c, Agent, []string{
		"apt-get install docker.io",
		// The Docker task of verify --workload and demo --docker must not
		// wait on a registry, and the lab cache keeps what was pulled.
		"docker pull busybox:1.36",
		"apt-get install ca-certificates curl gpg",
		"write /etc/apt/keyrings/mesoslab-mesos.asc",
		"write /var/lib/mesoslab/apt-key-mesos.url",
		"write /etc/apt/sources.list.d/mesoslab-mesos.list",
		"apt-get update /etc/apt/sources.list.d/mesoslab-mesos.list",
		"write /etc/systemd/system/mesos-agent.service.d/mesoslab.conf",
		"write /etc/mesos/zk",
		"apt-get install libcurl4-nss-dev libevent-dev libsasl2-modules libsvn1 libunwind8 aventer-mesos",
		"mkdir /var/lib/mesos/agent",
		"systemctl disable mesos-master",
		"systemctl stop mesos-master",
		"systemctl restart mesos-agent",
	})
	if !f.Active("docker") || !f.Active("mesos-agent") || f.Active("mesos-master") {
		t.Error("an agent should run docker and mesos-agent, and not mesos-master")
	}
}

func TestAgentFlags(t *testing.T) {
	c := testCluster("default", 3, 3)
	f := newLabNode(t, c.node("agent3"))
	if err := f.provision(Agent(c, f.node)); err != nil {
		t.Fatal(err)
	}
	dropIn := f.Files["/etc/systemd/system/mesos-agent.service.d/mesoslab.conf"].Content
	for _, want := range []string{
		"Environment=MESOS_MASTER=zk://192.168.56.11:2181,192.168.56.12:2181,192.168.56.13:2181/mesos\n",
		"Environment=MESOS_CONTAINERIZERS=docker,mesos\n",
		"Environment=MESOS_EXECUTOR_REGISTRATION_TIMEOUT=5mins\n",
		"Environment=MESOS_IP=192.168.56.23\n",
		"Environment=MESOS_HOSTNAME=192.168.56.23\n",
		"Environment=MESOS_WORK_DIR=/var/lib/mesos/agent\n",
		"Environment=MESOS_SYSTEMD_ENABLE_SUPPORT=false\n",
		"Environment=MESOS_HOSTNAME_LOOKUP=false\n",
	} {
		if !strings.Contains(dropIn, want) {
			t.Errorf("the agent's drop-in lacks %q:\n%s", want, dropIn)
		}
	}
	// At boot the agent's recovery asks Docker for its containers, so
	// dockerd comes first; the package's unit names only the network.
	if !strings.HasPrefix(dropIn, "# Written by mesoslab: mesos-agent reads each MESOS_<FLAG> as --<flag>.\n"+
		"[Unit]\nAfter=docker.service\nWants=docker.service\n\n[Service]\n") {
		t.Errorf("the agent's drop-in does not order the agent after dockerd:\n%s", dropIn)
	}
	if !strings.Contains(dropIn, "\nExecStartPre=/bin/sh -c "+provision.SystemdArg(cgroupRootScript)+" cgroup-root /sys/fs/cgroup\n") {
		t.Errorf("the agent's drop-in does not make the cgroup root before the agent starts:\n%s", dropIn)
	}
	// Removed in AVENTER 0.6.0: on the command line it would be fatal.
	if strings.Contains(strings.ToLower(dropIn), "cgroupsv2") {
		t.Errorf("the drop-in sets the removed enable_cgroupsv2 flag:\n%s", dropIn)
	}
}

func TestRegisteredProbe(t *testing.T) {
	masters := testCluster("default", 3, 0).Masters()
	const me = "192.168.56.22"
	tests := []struct {
		name    string
		answers []string // by master; "" = no answer
		wantErr string
	}{
		{"listed by pid", []string{`{"slaves":[{"pid":"slave(1)@192.168.56.22:5051","hostname":"agent2","active":true}]}`, "", ""}, ""},
		{"listed by hostname", []string{"", `{"slaves":[{"pid":"slave(1)@10.0.2.15:5051","hostname":"192.168.56.22","active":true}]}`, ""}, ""},
		{"no leader yet", []string{"No leader elected", "No leader elected", ""},
			"agent 192.168.56.22 not registered with the leading master yet (192.168.56.11: no leader, 192.168.56.12: no leader, 192.168.56.13: no answer)"},
		{"another agent only, and this one inactive", []string{`{"slaves":[{"pid":"slave(1)@192.168.56.21:5051","active":true},{"pid":"slave(1)@192.168.56.22:5051","active":false}]}`, "", ""},
			"192.168.56.11: not among the 2 listed"},
		// A similar address must not pass for this one.
		{"a longer address", []string{`{"slaves":[{"pid":"slave(1)@192.168.56.221:5051","hostname":"192.168.56.221","active":true}]}`, "", ""},
			"192.168.56.11: not among the 1 listed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			node := provisiontest.New("agent2")
			for i, m := range masters {
				rule := node.On(`^curl -sS -L --max-time 5 -- http://` + strings.ReplaceAll(m.IP, ".", `\.`) + `:5050/master/slaves$`)
				if tt.answers[i] == "" {
					rule.Exit(7)
				} else {
					rule.Stdout(tt.answers[i])
				}
			}
			err := registeredProbe(masters, me)(context.Background(), node)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("probe failed: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("probe error %v, want one saying %q", err, tt.wantErr)
			}
		})
	}
}
