package health

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ZooKeeper answers are captured from Debian's ZooKeeper 3.8.0 (see
// testdata/README.md); the 3.4 layout and the srvr refusal are synthetic.
func TestParseSrvr(t *testing.T) {
	tests := []struct {
		file    string
		want    srvrStats
		wantErr error
	}{
		{"zookeeper/srvr-leader.txt", srvrStats{Version: "3.8.0", Mode: "leader", Zxid: 0x100000000, NodeCount: 5}, nil},
		{"zookeeper/srvr-follower.txt", srvrStats{Version: "3.8.0", Mode: "follower", Zxid: 0, NodeCount: 5}, nil},
		{"zookeeper/srvr-standalone.txt", srvrStats{Version: "3.8.0", Mode: "standalone", NodeCount: 5}, nil},
		{"zookeeper/srvr-follower-3.4.txt", srvrStats{Version: "3.4.13", Mode: "follower", Zxid: 0x30000002c, NodeCount: 42}, nil},
		{"zookeeper/srvr-not-serving.txt", srvrStats{}, errNotServing},
		{"zookeeper/srvr-not-whitelisted.txt", srvrStats{}, errNotWhitelisted},
		{"zookeeper/mntr-not-whitelisted.txt", srvrStats{}, errNotWhitelisted},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			got, err := parseSrvr(string(readTestdata(t, tt.file)))
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
			if s, err := parseSrvr(answer); err == nil {
				t.Errorf("parsed %q as %+v, want an error", answer, s)
			}
		})
	}
}

// The Mesos payloads are documented formats (testdata/README.md): Mesos
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
			elected, known, err := parseElected(readTestdata(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if elected != tt.elected || known != tt.know {
				t.Errorf("elected=%v known=%v, want %v %v", elected, known, tt.elected, tt.know)
			}
		})
	}
	if _, _, err := parseElected([]byte(`{"master/elected":"yes"}`)); err == nil {
		t.Error("a non-numeric master/elected parsed")
	}
}

func TestParseSlaves(t *testing.T) {
	tests := []struct {
		file   string
		want   []slave
		hasErr bool
	}{
		{"mesos/slaves.json", []slave{
			{"3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-S0", "agent1", "slave(1)@192.168.56.21:5051", true},
			{"3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-S1", "agent2", "slave(1)@192.168.56.22:5051", true},
			{"3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-S2", "agent3", "slave(1)@192.168.56.23:5051", true},
		}, false},
		{"mesos/slaves-degraded.json", []slave{
			{"3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-S0", "192.168.56.21", "slave(1)@192.168.56.21:5051", true},
			{"3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-S2", "192.168.56.23", "slave(1)@192.168.56.23:5051", false},
		}, false},
		{"mesos/state-leader.json", nil, false}, // same three agents as slaves.json
		{"mesos/metrics-leader.json", nil, true},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			got, err := parseSlaves(readTestdata(t, tt.file))
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
		want []Framework
	}{
		{"mesos/frameworks.json", []Framework{
			{"3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-0000", "marathon", "master2", true, true},
			{"3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-0001", "chronos", "master3", true, true},
		}},
		{"mesos/frameworks-marathon-inactive.json", []Framework{
			{"3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-0000", "marathon", "master2", false, false},
			{"3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-0001", "chronos", "master3", true, true},
		}},
		{"mesos/state-leader.json", []Framework{
			{"3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-0000", "marathon", "master2", true, true},
			{"3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-0001", "chronos", "master3", true, true},
		}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			got, err := parseFrameworks(readTestdata(t, tt.file))
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
	if _, err := parseFrameworks(readTestdata(t, "mesos/slaves.json")); err == nil {
		t.Error("an agent list parsed as a framework list")
	}
}
