package main

import (
	"os"
	"path/filepath"
	"testing"
)

// wsLabConfig is a lab on loopback addresses where nothing runs
// (127.0.77.x), so the workshop commands meet refused connections at once.
// components is the YAML of its components block.
func wsLabConfig(components string) string {
	return "provider: docker\nsubnet: 127.0.77.0/24\nmasters: 3\nagents: 2\ncomponents:\n" + components
}

const (
	wsOnlyZooKeeper = "  zookeeper: true\n  mesos: false\n  marathon: false\n  chronos: false\n  mesos_dns: false\n"
	wsEverything    = "  zookeeper: true\n  mesos: true\n  marathon: true\n  chronos: true\n  mesos_dns: true\n"
)

// wsHome writes a lab with config into a fresh MESOSLAB_HOME.
func wsHome(t *testing.T, config string) map[string]string {
	t.Helper()
	home := t.TempDir()
	dir := filepath.Join(home, "labs", "default")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "mesoslab.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"MESOSLAB_HOME": home}
}
