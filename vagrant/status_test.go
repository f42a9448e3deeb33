package vagrant

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestStatusCollector(t *testing.T) {
	tests := []struct {
		file string
		want []MachineStatus
	}{
		{"status.txt", []MachineStatus{{"master1", "running", "docker"}, {"agent1", "running", "docker"}, {"agent2", "preparing", "docker"}}},
		{"status-after-halt.txt", []MachineStatus{{"master1", "running", "docker"}, {"agent1", "stopped", "docker"}, {"agent2", "preparing", "docker"}}},
		{"status-destroyed.txt", []MachineStatus{{"master1", "not_created", "docker"}, {"agent1", "not_created", "docker"}, {"agent2", "not_created", "docker"}}},
	}
	for _, tt := range tests {
		b, err := os.ReadFile(filepath.Join("testdata", "transcripts", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		var st statusCollector
		for _, line := range strings.Split(string(b), "\n") {
			if e, ok := parseLine(line); ok {
				st.add(e)
			}
		}
		if !reflect.DeepEqual(st.machines, tt.want) {
			t.Errorf("%s: %v, want %v", tt.file, st.machines, tt.want)
		}
	}
}

func TestMachineStatusHelpers(t *testing.T) {
	tests := []struct {
		state            string
		running, created bool
	}{
		{"running", true, true},
		{"poweroff", false, true},
		{"stopped", false, true},
		{"saved", false, true},
		{"aborted", false, true},
		{"preparing", false, true},
		{"not_created", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		m := MachineStatus{Name: "n", State: tt.state}
		if m.Running() != tt.running || m.Created() != tt.created {
			t.Errorf("%q: Running %v Created %v, want %v %v", tt.state, m.Running(), m.Created(), tt.running, tt.created)
		}
	}
}
