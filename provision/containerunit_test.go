package provision_test

import (
	"testing"

	"github.com/mesoslab/mesoslab/provision"
)

func TestSystemdQuoting(t *testing.T) {
	tests := []struct {
		in, arg, env string
	}{
		{"zk://192.168.56.11:2181,192.168.56.12:2181/mesos", "zk://192.168.56.11:2181,192.168.56.12:2181/mesos",
			"Environment=K=zk://192.168.56.11:2181,192.168.56.12:2181/mesos"},
		{"mesosphere/marathon:v1.11.24", "mesosphere/marathon:v1.11.24", "Environment=K=mesosphere/marathon:v1.11.24"},
		{"two words", `"two words"`, `Environment="K=two words"`},
		{`50% "quoted" $HOME \x`, `"50%% \"quoted\" $$HOME \\x"`, `Environment="K=50%% \"quoted\" $HOME \\x"`},
		{"", `""`, `Environment="K="`},
	}
	for _, tt := range tests {
		if got := provision.SystemdArg(tt.in); got != tt.arg {
			t.Errorf("provision.SystemdArg(%q) = %s, want %s", tt.in, got, tt.arg)
		}
		if got := provision.SystemdEnv("K", tt.in); got != tt.env {
			t.Errorf("provision.SystemdEnv(K, %q) = %s, want %s", tt.in, got, tt.env)
		}
	}
}
