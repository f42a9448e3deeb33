package recipes

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

func TestMemberStates(t *testing.T) {
	out := memberMarker + "192.168.56.11\n" +
		"Zookeeper version: 3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC\nLatency min/avg/max: 0/0.5/3\n" +
		"Received: 12\nSent: 11\nConnections: 1\nOutstanding: 0\nZxid: 0x100000000\nMode: follower\nNode count: 5\n\n" +
		memberMarker + "192.168.56.12\nThis ZooKeeper instance is not currently serving requests\n\n" +
		memberMarker + "192.168.56.13\nbash: connect: Connection refused\nbash: line 1: /dev/tcp/192.168.56.13/2181: Connection refused\n\n" +
		memberMarker + "192.168.56.14\n\n"
	got := memberStates([]byte(out))
	want := map[string]string{
		"192.168.56.11": "follower",
		"192.168.56.12": "not serving",
		"192.168.56.13": "no answer (bash: line 1: /dev/tcp/192.168.56.13/2181: Connection refused)",
		"192.168.56.14": "no answer",
	}
	for ip, w := range want {
		if got[ip] != w {
			t.Errorf("%s: %q, want %q", ip, got[ip], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d members: %v", len(got), got)
	}
}

func TestEnsembleReady(t *testing.T) {
	three := []string{"a", "b", "c"}
	for _, tc := range []struct {
		name   string
		ips    []string
		states map[string]string
		ok     bool
	}{
		{"one leader, two followers", three, map[string]string{"a": "follower", "b": "leader", "c": "follower"}, true},
		{"electing", three, map[string]string{"a": "not serving", "b": "not serving", "c": "not serving"}, false},
		{"a quorum but one member down", three, map[string]string{"a": "leader", "b": "follower", "c": "no answer"}, false},
		{"two leaders", three, map[string]string{"a": "leader", "b": "leader", "c": "follower"}, false},
		{"standalone members of an ensemble", three, map[string]string{"a": "standalone", "b": "standalone", "c": "standalone"}, false},
		{"a member missing from the answer", three, map[string]string{"a": "leader", "b": "follower"}, false},
		{"one master, standalone", []string{"a"}, map[string]string{"a": "standalone"}, true},
		{"one master, down", []string{"a"}, map[string]string{"a": "no answer"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := ensembleReady(tc.states, tc.ips)
			if (err == nil) != tc.ok {
				t.Fatalf("ensembleReady = %v, want ready %v", err, tc.ok)
			}
			if err != nil {
				for _, ip := range tc.ips {
					if !strings.Contains(err.Error(), ip+" ") {
						t.Errorf("error %q does not give the state of %s", err, ip)
					}
				}
			}
		})
	}
}

// The probe reads the ensemble from the node: not ready until the members
// answer, ready with a leader; every address is one quoted word.
func TestEnsembleProbe(t *testing.T) {
	c := fixtureDefaultLab()
	node := newZKNode(t, "master2")
	probe := ensembleProbe(c.Masters())
	err := probe(context.Background(), node)
	if err == nil || !strings.Contains(err.Error(), "192.168.56.11 no answer") {
		t.Fatalf("probe before ZooKeeper runs = %v", err)
	}
	node.Units[zkService] = &provisiontest.Unit{Enabled: true, Active: true}
	if err := probe(context.Background(), node); err == nil || !strings.Contains(err.Error(), "not serving") {
		t.Fatalf("probe while electing = %v", err)
	}
	node.modes = map[string]string{"192.168.56.11": "follower", "192.168.56.12": "leader", "192.168.56.13": "follower"}
	if err := probe(context.Background(), node); err != nil {
		t.Fatalf("probe with a leader = %v", err)
	}
	cmd := node.CommandLines()[0]
	if !strings.HasPrefix(cmd, "for a in 192.168.56.11 192.168.56.12 192.168.56.13; do") || !strings.Contains(cmd, "/2181") {
		t.Errorf("probe command:\n%s", cmd)
	}
}

// The probe's script in a real bash against srvr servers on loopback
// addresses (port 2181 of 127.0.0.x, x chosen to stay clear of a local
// ZooKeeper on 127.0.0.1): one leader and two followers pass; a member that
// refuses the connection fails the probe with its state.
func TestEnsembleProbeRealShell(t *testing.T) {
	testenv.NeedCommand(t, "bash")
	testenv.NeedCommand(t, "timeout")
	modes := map[string]string{"127.0.0.71": "leader", "127.0.0.72": "follower", "127.0.0.73": "follower"}
	var masters []Node
	for _, ip := range []string{"127.0.0.71", "127.0.0.72", "127.0.0.73"} {
		masters = append(masters, Node{Name: ip, Role: RoleMaster, IP: ip})
	}
	listeners := map[string]net.Listener{}
	for ip, mode := range modes {
		l, err := net.Listen("tcp", net.JoinHostPort(ip, "2181"))
		if err != nil {
			testenv.Need(t, false, fmt.Sprintf("cannot listen on %s:2181: %v", ip, err))
		}
		t.Cleanup(func() { l.Close() })
		listeners[ip] = l
		go serveSrvr(l, mode)
	}
	probe := ensembleProbe(masters)
	if err := probe(context.Background(), provisiontest.Local{}); err != nil {
		t.Fatalf("probe of a ready ensemble: %v", err)
	}
	listeners["127.0.0.73"].Close()
	err := probe(context.Background(), provisiontest.Local{})
	if err == nil || !strings.Contains(err.Error(), "127.0.0.73 no answer (") || !strings.Contains(err.Error(), "127.0.0.71 leader") {
		t.Fatalf("probe with a member down = %v", err)
	}
}

// serveSrvr answers every connection as a ZooKeeper server answers srvr:
// it reads the four letters, writes its lines and closes.
func serveSrvr(l net.Listener, mode string) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			buf := make([]byte, 4)
			if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "srvr" {
				return
			}
			fmt.Fprintf(c, "Zookeeper version: 3.8.0\nLatency min/avg/max: 0/0.0/0\nZxid: 0x0\nMode: %s\nNode count: 5\n", mode)
		}()
	}
}
