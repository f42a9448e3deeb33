package config

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func problemsOf(t *testing.T, err error) []Problem {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error = %v, want a *ValidationError", err)
	}
	return ve.Problems
}

func TestLoadFileReportsKeyAndLine(t *testing.T) {
	tests := []struct {
		file     string
		wantKey  string
		wantLine int
		wantText string
	}{
		{"typo.yaml", "mastres", 3, `did you mean "masters"?`},
		{"nested-typo.yaml", "components.mesosdns", 3, `did you mean "mesos_dns"?`},
		{"nested-typo.yaml", "nodes[0].addr", 6, "known keys here"},
		{"types.yaml", "masters", 2, `expected a whole number, got "three"`},
		{"types.yaml", "nodes[0].memory", 6, `expected a whole number, got "lots"`},
		{"truncated.yaml", "(file)", 4, "not valid YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.wantKey, func(t *testing.T) {
			path := filepath.Join("testdata", "config", tt.file)
			_, err := LoadFile(path, Default())
			for _, p := range problemsOf(t, err) {
				if p.Key == tt.wantKey {
					if p.Line != tt.wantLine || p.Source != path {
						t.Errorf("problem %s: line %d source %q, want line %d source %q", p, p.Line, p.Source, tt.wantLine, path)
					}
					if !strings.Contains(p.String(), tt.wantText) {
						t.Errorf("problem %s does not say %q", p, tt.wantText)
					}
					return
				}
			}
			t.Errorf("no problem for key %q in %v", tt.wantKey, err)
		})
	}
}

func TestLoadFileOverlaysDefaults(t *testing.T) {
	s, err := LoadFile(filepath.Join("testdata", "config", "full.yaml"), Default())
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "workshop" || s.Provider != "docker" || s.Masters != 1 || s.Agents != 2 || s.MemoryMB != 3072 {
		t.Errorf("top-level keys not applied: %+v", s)
	}
	if s.Box != DefaultBox || !s.Components.Marathon || s.Components.Chronos {
		t.Errorf("defaults lost or component switch ignored: box %q components %+v", s.Box, s.Components)
	}
	if s.Sources.Marathon.Image != "mesosphere/marathon:v1.10.0" || s.Sources.Chronos.Image != DefaultSources().Chronos.Image {
		t.Errorf("sources not merged: %+v", s.Sources)
	}
	p, err := NewPlan(s)
	if err != nil {
		t.Fatal(err)
	}
	if a2, _ := p.Node("agent2"); a2.IP.String() != "192.168.60.50" || a2.MemoryMB != 4096 {
		t.Errorf("agent2 = %+v", a2)
	}
}

func TestLoadFileMissingNamesFlagAndFix(t *testing.T) {
	_, err := LoadFile(filepath.Join(t.TempDir(), "nope.yaml"), Default())
	ps := problemsOf(t, err)
	if ps[0].Key != "--config" || !strings.Contains(ps[0].Fix, "mesoslab init") {
		t.Errorf("problem = %s", ps[0])
	}
}

func TestDecodeConfigEmptyAndWrongShape(t *testing.T) {
	if s, err := DecodeConfig("empty", []byte("\n# nothing\n"), Default()); err != nil || s.Masters != 3 {
		t.Errorf("empty file: %v %+v", err, s)
	}
	_, err := DecodeConfig("list", []byte("- a\n- b\n"), Default())
	if ps := problemsOf(t, err); !strings.Contains(ps[0].Message, "expected a mapping") {
		t.Errorf("top-level list: %v", ps)
	}
}

func TestEnvOverrides(t *testing.T) {
	env := map[string]string{"MESOSLAB_MASTERS": "5", "MESOSLAB_BOX": "bento/ubuntu-24.04", "MESOSLAB_AGENTS": "two"}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	o, err := EnvOverrides(lookup)
	ps := problemsOf(t, err)
	if len(ps) != 1 || ps[0].Source != "MESOSLAB_AGENTS" || ps[0].Value != "two" {
		t.Errorf("problems = %v", ps)
	}
	s := Default()
	o.Apply(&s)
	if s.Masters != 5 || s.Box != "bento/ubuntu-24.04" || s.Agents != DefaultAgents {
		t.Errorf("applied = %+v", s)
	}
}
