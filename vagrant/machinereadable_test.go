package vagrant

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseLine(t *testing.T) {
	tests := []struct {
		name string
		line string
		ok   bool
		want Event
	}{
		{"ui with target", `1795559516,master1,ui,output,==> master1: Creating the container...`, true,
			Event{Time: time.Unix(1795559516, 0), Node: "master1", Kind: "ui", Data: "==> master1: Creating the container...",
				Fields: []string{"output", "==> master1: Creating the container..."}}},
		{"empty target", `1795559515,,ui,info,Bringing machine 'master1' up with 'docker' provider...`, true,
			Event{Time: time.Unix(1795559515, 0), Kind: "ui", Data: "Bringing machine 'master1' up with 'docker' provider...",
				Fields: []string{"info", "Bringing machine 'master1' up with 'docker' provider..."}}},
		{"escapes", `1,m,ui,detail,a%!(VAGRANT_COMMA) b\nc\rd`, true,
			Event{Time: time.Unix(1, 0), Node: "m", Kind: "ui", Data: "a, b\nc\rd", Fields: []string{"detail", "a, b\nc\rd"}}},
		{"several fields", `1795559515,master1,metadata,provider,docker`, true,
			Event{Time: time.Unix(1795559515, 0), Node: "master1", Kind: "metadata", Data: "provider,docker", Fields: []string{"provider", "docker"}}},
		{"no data", `1795559515,master1,action`, true,
			Event{Time: time.Unix(1795559515, 0), Node: "master1", Kind: "action"}},
		{"error-exit", `1795559530,,error-exit,Vagrant::Errors::ForwardPortCollision,Vagrant cannot forward%!(VAGRANT_COMMA) sorry`, true,
			Event{Time: time.Unix(1795559530, 0), Kind: "error-exit", Data: "Vagrant cannot forward, sorry",
				Fields: []string{"Vagrant::Errors::ForwardPortCollision", "Vagrant cannot forward, sorry"}}},
		{"ruby warning", `/usr/lib/ruby/3.1.0/net/protocol.rb:66: warning: previous definition of ProtocRetryError was here`, false, Event{}},
		{"stack trace", "\tfrom /usr/bin/vagrant:231:in `<main>'", false, Event{}},
		{"human output", "Vagrant 2.3.4", false, Event{}},
		{"two fields", "1795559515,master1", false, Event{}},
		{"csv of words", "a,b,c,d", false, Event{}},
		{"type with space", "1,m,not a type,x", false, Event{}},
		{"empty", "", false, Event{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseLine(tt.line)
			if ok != tt.ok {
				t.Fatalf("parseLine(%q) ok = %v, want %v", tt.line, ok, tt.ok)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseLine(%q)\n got %#v\nwant %#v", tt.line, got, tt.want)
			}
		})
	}
}

// TestTranscriptsParse checks every recorded machine-readable transcript:
// each line parses, no field keeps an escape, and the kinds are as recorded.
func TestTranscriptsParse(t *testing.T) {
	tests := []struct {
		file  string
		kinds map[string]int
	}{
		{"up-master1.txt", map[string]int{"metadata": 1, "action": 2, "ui": 21}},
		{"up-agent2.txt", map[string]int{"metadata": 1, "action": 1, "ui": 3, "error-exit": 1}},
		{"up-master1.interrupt", map[string]int{"ui": 2, "error-exit": 1}},
		{"status.txt", map[string]int{"metadata": 3, "provider-name": 3, "state": 3, "state-human-short": 3, "state-human-long": 3, "ui": 1}},
		{"halt-agent1.txt", map[string]int{"metadata": 1, "action": 2, "ui": 1}},
		{"destroy-agent2.txt", map[string]int{"metadata": 1, "action": 2, "ui": 3}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "transcripts", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			kinds := map[string]int{}
			for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				e, ok := parseLine(line)
				if !ok {
					t.Fatalf("not machine-readable: %q", line)
				}
				for _, f := range e.Fields {
					if strings.Contains(f, "VAGRANT_COMMA") || strings.Contains(f, `\n`) {
						t.Errorf("field still escaped: %q", f)
					}
				}
				kinds[e.Kind]++
			}
			if !reflect.DeepEqual(kinds, tt.kinds) {
				t.Errorf("kinds = %v, want %v", kinds, tt.kinds)
			}
		})
	}
}
