package config

import (
	"errors"
	"strings"
	"testing"
)

// TestValidateMesosVersionPin: a pinned aventer-mesos older than 0.7.1's
// build (the first with the right Mesos paths on Debian 12) is refused
// before any machine is built, compared as dpkg compares; newer pins, no
// pin and another package pass (the node checks those).
func TestValidateMesosVersionPin(t *testing.T) {
	tests := []struct {
		pkg, version string
		refused      bool
	}{
		{"aventer-mesos", "1.11.0-0.6.0", true},
		{"aventer-mesos", "1.11.0-0.7.0.debian12", true},
		{"aventer-mesos", "1.10.0-0.9.0", true},
		{"aventer-mesos", "1.11.0-0.7.1", false},
		{"aventer-mesos", "1.11.0-0.7.1.debian12", false},
		{"aventer-mesos", "1.11.0-0.10.0", false}, // newer than 0.9.0 as dpkg orders, older as text
		{"aventer-mesos", "", false},
		{"mesos", "1.4.0-2.0.1", false},
	}
	for _, tt := range tests {
		t.Run(tt.pkg+"="+tt.version, func(t *testing.T) {
			s := Default()
			s.Sources.Mesos.Package, s.Sources.Mesos.Version = tt.pkg, tt.version
			err := Validate(s)
			var ve *ValidationError
			if !tt.refused {
				if errors.As(err, &ve) {
					for _, p := range ve.Problems {
						if p.Key == "sources.mesos.version" {
							t.Fatalf("refused: %v", p)
						}
					}
				}
				return
			}
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want a *ValidationError", err)
			}
			for _, p := range ve.Problems {
				if p.Key == "sources.mesos.version" && p.Value == tt.version {
					if !strings.Contains(p.Message, "older than 1.11.0-0.7.1") || !strings.Contains(p.Fix, "set sources.mesos.version to 1.11.0-0.7.1 or later") {
						t.Errorf("problem %v does not say why and how", p)
					}
					return
				}
			}
			t.Errorf("no sources.mesos.version problem in %v", err)
		})
	}
}
