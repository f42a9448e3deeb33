package main

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
	"github.com/mesoslab/mesoslab/vagrant"
)

// closingFake is a scripted runner that records its Close.
type closingFake struct {
	*provisiontest.Fake
	closed bool
}

func (c *closingFake) Close() error { c.closed = true; return nil }

func TestNodeShellDialsOncePerNode(t *testing.T) {
	dir := lab.Dir{Root: t.TempDir()}
	var targets []provision.SSHTarget
	runners := map[string]*closingFake{}
	n := &nodeShell{
		dir: dir,
		sshConfig: func(_ context.Context, node string) (vagrant.SSHConfig, error) {
			if node == "master9" {
				return vagrant.SSHConfig{}, errors.New("The machine with the name 'master9' was not found")
			}
			return vagrant.SSHConfig{Host: node, HostName: "127.0.0.1", Port: 2201, User: "vagrant", IdentityFiles: []string{"/k/" + node}}, nil
		},
		dial: func(_ context.Context, tgt provision.SSHTarget, o provision.DialOptions) (provision.Runner, error) {
			targets = append(targets, tgt)
			if o.Log == nil {
				t.Error("no node log for the drill's commands")
			}
			r := &closingFake{Fake: provisiontest.New(tgt.Node)}
			runners[tgt.Node] = r
			return r, nil
		},
		runners: map[string]provision.Runner{},
	}
	ctx := context.Background()
	for _, node := range []string{"master1", "master2", "master1"} {
		if _, err := n.Runner(ctx, node); err != nil {
			t.Fatal(err)
		}
	}
	if len(targets) != 2 {
		t.Fatalf("dialled %d times, want once per node", len(targets))
	}
	want := provision.SSHTarget{Node: "master1", Addr: "127.0.0.1", Port: 2201, User: "vagrant", KeyFiles: []string{"/k/master1"}, KnownHosts: dir.KnownHosts()}
	if got := targets[0]; got.Node != want.Node || got.Addr != want.Addr || got.Port != want.Port || got.User != want.User ||
		got.KeyFiles[0] != want.KeyFiles[0] || got.KnownHosts != want.KnownHosts {
		t.Errorf("target = %+v, want %+v", got, want)
	}
	if _, err := os.Stat(dir.NodeLog("master2")); err != nil {
		t.Errorf("node log: %v", err)
	}
	_, err := n.Runner(ctx, "master9")
	if err == nil || !strings.Contains(err.Error(), "vagrant ssh-config master9") || !strings.Contains(err.Error(), "is the node up?") {
		t.Errorf("err = %v", err)
	}
	n.Close()
	if !runners["master1"].closed || !runners["master2"].closed {
		t.Error("Close left connections open")
	}
}
