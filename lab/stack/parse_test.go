package stack_test

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// ZooKeeper answers are captured from Debian's ZooKeeper 3.8.0 (see
// stacktest/testdata/README.md); the 3.4 layout and the srvr refusal are synthetic.
func TestParseSrvr(t *testing.T) {
	tests := []struct {
		file    string
		want    stack.Srvr
		wantErr error
	}{
		{"zookeeper/srvr-leader.txt", stack.Srvr{Version: "3.8.0", Mode: "leader", Zxid: 0x100000000, NodeCount: 5}, nil},
		{"zookeeper/srvr-follower.txt", stack.Srvr{Version: "3.8.0", Mode: "follower", Zxid: 0, NodeCount: 5}, nil},
		{"zookeeper/srvr-standalone.txt", stack.Srvr{Version: "3.8.0", Mode: "standalone", NodeCount: 5}, nil},
		{"zookeeper/srvr-follower-3.4.txt", stack.Srvr{Version: "3.4.13", Mode: "follower", Zxid: 0x30000002c, NodeCount: 42}, nil},
		{"zookeeper/srvr-not-serving.txt", stack.Srvr{}, stack.ErrNotServing},
		{"zookeeper/srvr-not-whitelisted.txt", stack.Srvr{}, stack.ErrNotWhitelisted},
		{"zookeeper/mntr-not-whitelisted.txt", stack.Srvr{}, stack.ErrNotWhitelisted},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			got, err := stack.ParseSrvr(string(stacktest.Payload(t, tt.file)))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseSrvrRejectsOtherAnswers(t *testing.T) {
	for name, answer := range map[string]string{
		"empty":         "",
		"http":          "HTTP/1.1 400 Bad Request\r\n\r\n",
		"no mode":       "Zookeeper version: 3.8.0-x, built on y\nZxid: 0x0\n",
		"bad zxid":      "Zxid: 0xnothex\nMode: leader\n",
		"bad nodecount": "Mode: leader\nNode count: many\n",
	} {
		t.Run(name, func(t *testing.T) {
			if s, err := stack.ParseSrvr(answer); err == nil {
				t.Errorf("parsed %q as %+v, want an error", answer, s)
			}
		})
	}
}

// The Mesos payloads are documented formats (stacktest/testdata/README.md): Mesos
// cannot run on the build machines.
func TestParseElected(t *testing.T) {
	tests := []struct {
		file          string
		elected, know bool
	}{
		{"mesos/metrics-leader.json", true, true},
		{"mesos/metrics-standby.json", false, true},
		{"mesos/metrics-no-elected.json", false, false},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			elected, known, err := stack.ParseElected(stacktest.Payload(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if elected != tt.elected || known != tt.know {
				t.Errorf("elected=%v known=%v, want %v %v", elected, known, tt.elected, tt.know)
			}
		})
	}
	if _, _, err := stack.ParseElected([]byte(`{"master/elected":"yes"}`)); err == nil {
		t.Error("a non-numeric master/elected parsed")
	}
}

func TestParseSlaves(t *testing.T) {
	tests := []struct {
		file   string
		want   []stack.Slave
		hasErr bool
	}{
		{"mesos/slaves.json", []stack.Slave{
			{ID: "3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-S0", Hostname: "agent1", PID: "slave(1)@192.168.56.21:5051", Active: true},
			{ID: "3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-S1", Hostname: "agent2", PID: "slave(1)@192.168.56.22:5051", Active: true},
			{ID: "3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-S2", Hostname: "agent3", PID: "slave(1)@192.168.56.23:5051", Active: true},
		}, false},
		{"mesos/slaves-degraded.json", []stack.Slave{
			{ID: "3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-S0", Hostname: "192.168.56.21", PID: "slave(1)@192.168.56.21:5051", Active: true},
			{ID: "3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-S2", Hostname: "192.168.56.23", PID: "slave(1)@192.168.56.23:5051", Active: false},
		}, false},
		{"mesos/state-leader.json", nil, false}, // same three agents as slaves.json
		{"mesos/metrics-leader.json", nil, true},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			got, err := stack.ParseSlaves(stacktest.Payload(t, tt.file))
			if (err != nil) != tt.hasErr {
				t.Fatalf("err = %v, want error %v", err, tt.hasErr)
			}
			if tt.hasErr {
				return
			}
			if tt.want == nil {
				if len(got) != 3 {
					t.Errorf("got %d agents, want 3", len(got))
				}
				return
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d agents, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("agent %d: %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestParseFrameworks(t *testing.T) {
	tests := []struct {
		file string
		want []stack.Framework
	}{
		{"mesos/frameworks.json", []stack.Framework{
			{ID: "3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-0000", Name: "marathon", Hostname: "master2", Active: true, Connected: true},
			{ID: "3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-0001", Name: "chronos", Hostname: "master3", Active: true, Connected: true},
		}},
		{"mesos/frameworks-marathon-inactive.json", []stack.Framework{
			{ID: "3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-0000", Name: "marathon", Hostname: "master2", Active: false, Connected: false},
			{ID: "3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-0001", Name: "chronos", Hostname: "master3", Active: true, Connected: true},
		}},
		{"mesos/state-leader.json", []stack.Framework{
			{ID: "3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-0000", Name: "marathon", Hostname: "master2", Active: true, Connected: true},
			{ID: "3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-0001", Name: "chronos", Hostname: "master3", Active: true, Connected: true},
		}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			got, err := stack.ParseFrameworks(stacktest.Payload(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d frameworks, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("framework %d: %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
	if _, err := stack.ParseFrameworks(stacktest.Payload(t, "mesos/slaves.json")); err == nil {
		t.Error("an agent list parsed as a framework list")
	}
}
