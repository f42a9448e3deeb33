package lab

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
	"github.com/mesoslab/mesoslab/vagrant"
	"github.com/mesoslab/mesoslab/vagrant/vagranttest"
)

// closingFake is a scripted runner that records its Close.
type closingFake struct {
	*provisiontest.Fake
	closed bool
}

func (c *closingFake) Close() error { c.closed = true; return nil }

func TestShellDialsOncePerNodeAndLogs(t *testing.T) {
	drv := vagranttest.New(map[string]string{"master1": "running", "master2": "running"})
	d := Dir{Root: t.TempDir()}
	var targets []provision.SSHTarget
	runners := map[string]*closingFake{}
	b := Backends{
		Vagrant: func(string) vagrant.Driver { return drv },
		Dial: func(_ context.Context, tgt provision.SSHTarget, o provision.DialOptions) (provision.Runner, error) {
			if tgt.Node == "master9" {
				return nil, errors.New("connection refused")
			}
			targets = append(targets, tgt)
			if o.Log == nil {
				t.Error("no node log for the shell's commands")
			}
			r := &closingFake{Fake: provisiontest.New(tgt.Node)}
			r.On(`^hostname$`).Stdout(tgt.Node + "\n")
			runners[tgt.Node] = r
			return r, nil
		},
	}
	sh := handle(b, d, nil).Shell()
	ctx := context.Background()
	for _, node := range []string{"master1", "master2", "master1"} {
		r, err := sh.Runner(ctx, node)
		if err != nil {
			t.Fatal(err)
		}
		if res, err := r.Run(ctx, provision.Command{Cmd: "hostname"}); err != nil || string(res.Stdout) != node+"\n" {
			t.Errorf("%s: %v %q", node, err, res.Stdout)
		}
	}
	if len(targets) != 2 || targets[0].KnownHosts != d.KnownHosts() || targets[0].Addr != "127.0.0.1" {
		t.Fatalf("targets = %+v, want one per node with the lab's known_hosts", targets)
	}
	_, err := sh.Runner(ctx, "master9")
	var ne *NodeError
	if !errors.As(err, &ne) || ne.Node != "master9" || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("a node that cannot be reached: %v", err)
	}
	sh.Close()
	if !runners["master1"].closed || !runners["master2"].closed {
		t.Error("Close left connections open")
	}
	if _, err := os.Stat(d.NodeLog("master1")); err != nil {
		t.Errorf("no node log: %v", err)
	}
}
