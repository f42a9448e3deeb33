package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every refusal of `mesoslab logs` and `logs export` happens before any
// connection: a wrong node or unit is bad usage (2), a lab never built has
// nothing to read (1).
func TestLogsCommandRefusals(t *testing.T) {
	existing := filepath.Join(t.TempDir(), "old.tar.gz")
	if err := os.WriteFile(existing, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	zkLab := wsLabConfig(wsOnlyZooKeeper)
	tests := []struct {
		name   string
		config string // "" means no lab at all
		args   []string
		code   int
		want   []string
	}{
		{"never built", "", []string{"logs"}, exitFailure, []string{`lab "default" does not exist: run ` + "`mesoslab up`" + ``}},
		{"export of a lab never built", "", []string{"logs", "export", filepath.Join(t.TempDir(), "x.tar.gz")}, exitFailure, []string{`lab "default" does not exist: run ` + "`mesoslab up`" + ``}},
		{"configured but never built", zkLab, []string{"logs", "master1"}, exitFailure, []string{"does not exist: run `mesoslab up`"}},
		{"unknown node", zkLab, []string{"logs", "master9"}, exitUsage, []string{`NODE = "master9"`, "master1, master2, master3, agent1, agent2"}},
		{"unknown unit", zkLab, []string{"logs", "--unit", "mesos-master"}, exitUsage, []string{`--unit = "mesos-master"`, "use one of zookeeper"}},
		{"unit not on that node", zkLab, []string{"logs", "-u", "zookeeper", "agent1"}, exitUsage, []string{"on agent1"}},
		{"options after the node reach the command", zkLab, []string{"logs", "master1", "--unit", "mesos-master"}, exitUsage, []string{`--unit = "mesos-master"`}},
		{"two nodes", zkLab, []string{"logs", "master1", "master2"}, exitUsage, []string{"at most one node"}},
		{"json", zkLab, []string{"logs", "-o", "json"}, exitUsage, []string{"logs export"}},
		{"export without a file", zkLab, []string{"logs", "export"}, exitUsage, []string{"needs one archive"}},
		{"export over a file", zkLab, []string{"logs", "export", existing}, exitUsage, []string{"already exists", "--force"}},
		{"export into a missing folder", zkLab, []string{"logs", "export", filepath.Join(t.TempDir(), "no", "x.tar.gz")}, exitUsage, []string{"does not exist", "create the folder"}},
		{"export into a folder", zkLab, []string{"logs", "export", filepath.Dir(existing)}, exitUsage, []string{"is a folder", filepath.Join(filepath.Dir(existing), "lab-logs.tar.gz")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			if tt.config != "" {
				env = wsHome(t, tt.config)
			}
			_, stderr, code := run(t, env, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
	if data, _ := os.ReadFile(existing); string(data) != "keep" {
		t.Errorf("existing archive overwritten: %q", data)
	}
}
