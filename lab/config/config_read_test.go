package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLoadFileRefusesWhatIsNotAConfigFile: a device would be read without
// end and a FIFO would block, so both are refused before a byte is read.
func TestLoadFileRefusesWhatIsNotAConfigFile(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("name: x\n"+strings.Repeat("#", maxConfigBytes)), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"folder", dir, "is a directory, not a regular file"},
		{"over 1 MiB", big, "larger than 1048576 bytes"},
	}
	if fifo := makeFIFO(t, dir); fifo != "" {
		tests = append(tests,
			struct{ name, path, want string }{"FIFO", fifo, "is a FIFO, not a regular file"},
			struct{ name, path, want string }{"device", "/dev/zero", "is a device, not a regular file"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := LoadFile(tt.path, Default())
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("LoadFile(%s) still reading after 10 s", tt.path)
			}
			ps := problemsOf(t, err)
			if len(ps) != 1 || ps[0].Key != "--config" || ps[0].Value != tt.path || !strings.Contains(ps[0].Message, tt.want) || ps[0].Fix == "" {
				t.Errorf("problems = %v, want one for --config %s saying %q with a fix", ps, tt.path, tt.want)
			}
		})
	}
}

// TestDecodeConfigRefusesFloatsAndDuplicates: yaml.v3 alone truncates 3.5 to
// 3 and lets the second of two keys win, silently.
func TestDecodeConfigRefusesFloatsAndDuplicates(t *testing.T) {
	tests := []struct {
		doc, key, value, want, fix string
		line                       int
	}{
		{"masters: 3.5\n", "masters", "3.5", "not a whole number", "whole number", 1},
		{"agents: 2\nmasters: 2.9\n", "masters", "2.9", "not a whole number", "whole number", 2},
		{"memory: 1e3\n", "memory", "1e3", "not a whole number", "such as 1000", 1},
		{"nodes:\n  - name: agent1\n    cpus: 1.5\n", "nodes[0].cpus", "1.5", "not a whole number", "whole number", 3},
		{"masters: 3\nagents: 2\nmasters: 5\n", "masters", "", "given twice, on line 1 and on line 3", "remove one of the two", 3},
		{"components:\n  chronos: true\n  chronos: false\n", "components.chronos", "", "given twice", "remove one of the two", 3},
	}
	for _, tt := range tests {
		t.Run(tt.doc, func(t *testing.T) {
			_, err := DecodeConfig("lab.yaml", []byte(tt.doc), Default())
			ps := problemsOf(t, err)
			if len(ps) != 1 {
				t.Fatalf("problems = %v, want one", ps)
			}
			p := ps[0]
			if p.Key != tt.key || p.Value != tt.value || p.Line != tt.line || !strings.Contains(p.Message, tt.want) || !strings.Contains(p.Fix, tt.fix) {
				t.Errorf("problem = %s, want key %s value %q line %d saying %q, fix %q", p, tt.key, tt.value, tt.line, tt.want, tt.fix)
			}
		})
	}
}
