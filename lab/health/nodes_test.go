package health

import (
	"slices"
	"testing"

	"github.com/mesoslab/mesoslab/lab/stack"
)

var refMasters = []Node{{"master1", "192.168.56.11"}, {"master2", "192.168.56.12"}, {"master3", "192.168.56.13"}}

func TestNodeByHost(t *testing.T) {
	tests := []struct {
		host, want string
	}{
		{"master2", "master2"},
		{"MASTER2", "master2"},
		{"master2.mesoslab.test", "master2"},
		{"master2.", "master2"},
		{"192.168.56.13", "master3"},
		{"192.168.56.99", ""},
		{"master9", ""},
		{"", ""},
	}
	for _, tt := range tests {
		n, found := NodeByHost(refMasters, tt.host)
		if found != (tt.want != "") || n.Name != tt.want {
			t.Errorf("NodeByHost(%q) = %v, %v; want %q", tt.host, n, found, tt.want)
		}
	}
}

// Mesos's /master/redirect Location is protocol-relative (//host:port[path]).
func TestLocationHost(t *testing.T) {
	tests := []struct {
		location, hostport, host string
		ok                       bool
	}{
		{"//master1:5050", "master1:5050", "master1", true},
		{"//master1:5050/master/redirect", "master1:5050", "master1", true},
		{"//192.168.56.12:5050/master/state?jsonp=x", "192.168.56.12:5050", "192.168.56.12", true},
		{"http://master3:5050/master/redirect", "master3:5050", "master3", true},
		{"/master/redirect", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		hp, h, ok := locationHost(tt.location)
		if hp != tt.hostport || h != tt.host || ok != tt.ok {
			t.Errorf("locationHost(%q) = %q, %q, %v; want %q, %q, %v", tt.location, hp, h, ok, tt.hostport, tt.host, tt.ok)
		}
	}
}

func TestPidHost(t *testing.T) {
	for pid, want := range map[string]string{
		"slave(1)@192.168.56.21:5051": "192.168.56.21",
		"master@192.168.56.11:5050":   "192.168.56.11",
		"slave(1)":                    "",
		"x@nohostport":                "",
	} {
		if got := pidHost(pid); got != want {
			t.Errorf("pidHost(%q) = %q, want %q", pid, got, want)
		}
	}
}

func TestMatchAgents(t *testing.T) {
	want := []Node{{"agent1", "192.168.56.21"}, {"agent2", "192.168.56.22"}, {"agent3", "192.168.56.23"}}
	tests := []struct {
		name              string
		got               []stack.Slave
		missing, inactive []string
		matched           []string // Node of each fact, in order
	}{
		{"all by hostname and pid", []stack.Slave{
			{ID: "S0", Hostname: "agent1", PID: "slave(1)@192.168.56.21:5051", Active: true},
			{ID: "S1", Hostname: "agent2", PID: "slave(1)@192.168.56.22:5051", Active: true},
			{ID: "S2", Hostname: "agent3", PID: "slave(1)@192.168.56.23:5051", Active: true},
		}, nil, nil, []string{"agent1", "agent2", "agent3"}},
		{"by pid when the hostname is foreign", []stack.Slave{
			{ID: "S0", Hostname: "node-a.example", PID: "slave(1)@192.168.56.21:5051", Active: true},
			{ID: "S1", Hostname: "node-b.example", PID: "slave(1)@192.168.56.22:5051", Active: true},
			{ID: "S2", Hostname: "node-c.example", PID: "slave(1)@192.168.56.23:5051", Active: true},
		}, nil, nil, []string{"agent1", "agent2", "agent3"}},
		{"by hostname when the pid names another address", []stack.Slave{
			{ID: "S0", Hostname: "agent1", PID: "slave(1)@10.0.2.15:5051", Active: true},
			{ID: "S1", Hostname: "agent2.mesoslab.test", PID: "slave(1)@10.0.2.15:5051", Active: true},
			{ID: "S2", Hostname: "192.168.56.23", PID: "slave(1)@10.0.2.15:5051", Active: true},
		}, nil, nil, []string{"agent1", "agent2", "agent3"}},
		{"missing, inactive and a stranger", []stack.Slave{
			{ID: "S0", Hostname: "agent1", PID: "slave(1)@192.168.56.21:5051", Active: true},
			{ID: "S2", Hostname: "agent3", PID: "slave(1)@192.168.56.23:5051", Active: false},
			{ID: "S9", Hostname: "intruder", PID: "slave(1)@192.168.56.99:5051", Active: true},
		}, []string{"agent2"}, []string{"agent3"}, []string{"agent1", "agent3", ""}},
		{"re-registered agent listed twice", []stack.Slave{
			{ID: "S0", Hostname: "agent1", PID: "slave(1)@192.168.56.21:5051", Active: false},
			{ID: "S3", Hostname: "agent1", PID: "slave(1)@192.168.56.21:5051", Active: true},
			{ID: "S1", Hostname: "agent2", PID: "slave(1)@192.168.56.22:5051", Active: true},
			{ID: "S2", Hostname: "agent3", PID: "slave(1)@192.168.56.23:5051", Active: true},
		}, nil, nil, []string{"agent1", "agent1", "agent2", "agent3"}},
		{"none", nil, []string{"agent1", "agent2", "agent3"}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			facts, missing, inactive := matchAgents(want, tt.got)
			if !slices.Equal(missing, tt.missing) || !slices.Equal(inactive, tt.inactive) {
				t.Errorf("missing %v inactive %v; want %v %v", missing, inactive, tt.missing, tt.inactive)
			}
			var matched []string
			for _, f := range facts {
				matched = append(matched, f.Node)
			}
			if !slices.Equal(matched, tt.matched) {
				t.Errorf("matched %v, want %v", matched, tt.matched)
			}
		})
	}
}
