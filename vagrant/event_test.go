package vagrant

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestPhase(t *testing.T) {
	tests := []struct {
		kind, data, want string
	}{
		{"ui", "==> master1: Creating the container...", "creating container"},
		{"ui", "==> master1: Creating and configuring docker networks...", "configuring network"},
		{"ui", "==> default: Importing base box 'coreos-stable'...", "importing box"},
		{"ui", "==> one: Booting VM...", "booting"},
		{"ui", "==> master1: Waiting for machine to boot. This may take a few minutes...", "waiting for SSH"},
		{"ui", "==> master1: Setting hostname...", "setting hostname"},
		{"ui", "    master1: \n    master1: Vagrant insecure key detected. Vagrant will automatically replace", "replacing SSH key"},
		{"ui", "==> master1: Machine booted and ready!", "booted"},
		{"ui", "==> master1: Waiting for cleanup before exiting...", "cleaning up"},
		{"ui", "==> agent1: Stopping container...", "stopping"},
		{"ui", "==> agent2: Removing network vagrant_network_192.168.61.0/24 ...", "removing network"},
		{"ui", "    master1: SSH address: 127.0.0.1:2361", ""},
		{"ui", "Bringing machine 'master1' up with 'docker' provider...", ""},
		{"ui", "Installed Version: 2.3.4", ""},
		{"action", "up,start", ""},
		{"raw", "==> master1: Creating the container...", ""},
	}
	for _, tt := range tests {
		if got := (Event{Kind: tt.kind, Data: tt.data}).Phase(); got != tt.want {
			t.Errorf("Event{%s %q}.Phase() = %q, want %q", tt.kind, tt.data, got, tt.want)
		}
	}
}

// TestPhasesOfRecordedUp follows the phases a real `vagrant up` goes through.
func TestPhasesOfRecordedUp(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "transcripts", "up-master1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		e, _ := parseLine(line)
		if p := e.Phase(); p != "" && (len(got) == 0 || got[len(got)-1] != p) {
			got = append(got, p)
		}
	}
	want := []string{"configuring network", "creating container", "configuring network", "starting container",
		"waiting for SSH", "replacing SSH key", "booted"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("phases = %q\nwant     %q", got, want)
	}
}
