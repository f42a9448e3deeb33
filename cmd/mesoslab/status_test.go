package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/output"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/seconds"
	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// fakeLabProber serves a whole reference lab from fakes on 127.0.0.11-13
// and .21-23 and sends the standard ports to them; silent addresses drop
// every packet. Mesos, Marathon, Chronos and Mesos-DNS cannot run here:
// the fakes serve payloads in their documented formats from
// lab/health/testdata, and ZooKeeper's srvr answers captured from Debian's
// package.
func fakeLabProber(t *testing.T, tweak func(*stacktest.Lab), silent ...string) *health.Prober {
	t.Helper()
	l := stacktest.NewLab(t, stacktest.Payloads(t))
	tweak(l)
	d := stack.DefaultPorts()
	dial := stacktest.PortDial(map[int]int{
		d.ZooKeeper: l.ZK.Port, d.DNS: l.DNS.Port, d.MesosMaster: l.HTTP.Port, d.MesosAgent: l.HTTP.Port,
		d.Marathon: l.HTTP.Port, d.Chronos: l.HTTP.Port, d.MesosDNSHTTP: l.HTTP.Port,
	})
	if len(silent) > 0 {
		dial = stacktest.Silent(silent, dial)
	}
	return &health.Prober{Dial: dial}
}

// fullLoopbackPlan is the reference lab, every component on, on loopback.
func fullLoopbackPlan(t *testing.T) *config.Plan {
	t.Helper()
	s := config.Default()
	s.Provider, s.Subnet = "docker", "127.0.0.0/24"
	p, err := config.NewPlan(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestVerifyAndStatusTextGolden pins what verify and status print for a
// full lab, healthy and with trouble: master3 silently drops packets and
// agent2's agent is unhealthy. The command's own rendering functions are
// fed by the same domain calls the commands make, with the fakes' prober.
func TestVerifyAndStatusTextGolden(t *testing.T) {
	tests := []struct {
		name   string
		tweak  func(*stacktest.Lab)
		silent []string
	}{
		{"healthy", func(*stacktest.Lab) {}, nil},
		{"degraded", func(l *stacktest.Lab) { l.HTTP.Set("127.0.0.22", "/health", 503, "") }, []string{"127.0.0.13"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &lab.Lab{Plan: fullLoopbackPlan(t), Dir: lab.DirFor(t.TempDir(), "default")}
			prober := fakeLabProber(t, tt.tweak, tt.silent...)
			const timeout = 300 * time.Millisecond

			rep, err := l.Verify(context.Background(), lab.VerifyOptions{Prober: prober, Timeout: timeout})
			if (err == nil) != (tt.name == "healthy") {
				t.Fatalf("verify: %v", err)
			}
			rep.Elapsed = seconds.Duration(1234 * time.Millisecond) // wall time differs per run
			var out bytes.Buffer
			printVerify(output.NewPrinter(&out, false), newVerifyDoc(l, rep))
			golden(t, filepath.Join("testdata", "verify-"+tt.name+".golden"), out.String())

			ov, err := l.Overview(context.Background(), lab.OverviewOptions{Prober: prober, Timeout: timeout})
			if err != nil {
				t.Fatal(err)
			}
			out.Reset()
			printStatus(output.NewPrinter(&out, false), statusDoc{Lab: "default", Provider: "docker", Dir: "$MESOSLAB_HOME/labs/default", Overview: ov})
			golden(t, filepath.Join("testdata", "status-"+tt.name+".golden"), out.String())
		})
	}
}

// A lab never built has no machines: status says so and exits 1, without
// asking Vagrant or sending a packet. It runs on a cancelled context, so a
// probe that got past the guard could not leave this host either (Go's
// dialer gives up before connecting) and would end the command with
// "interrupted" instead.
func TestStatusOfALabNeverBuilt(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{"MESOSLAB_HOME": home}
	if _, stderr, code := run(t, env, "init", "--provider", "docker", "--subnet", "192.168.57.0/24"); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	before := snapshot(t, home)
	for _, args := range [][]string{{"status"}, {"status", "-o", "json"}} {
		out, stderr, code := runCancelled(t, env, args...)
		if code != exitFailure || stderr != "mesoslab: lab \"default\" does not exist: run `mesoslab up` to build it\n" || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, stderr)
		}
	}
	if after := snapshot(t, home); after != before {
		t.Errorf("status changed the lab folder:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}
