package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestListAndASecondLab: init writes two labs that do not share a network or
// SSH ports, and list shows both, as text and as JSON.
func TestListAndASecondLab(t *testing.T) {
	env := map[string]string{"MESOSLAB_HOME": t.TempDir()}
	if out, _, _ := run(t, env, "list"); !strings.Contains(out, "no labs in") {
		t.Errorf("empty list:\n%s", out)
	}
	for _, args := range [][]string{{"init"}, {"init", "--lab", "two", "--provider", "docker", "--agents", "1"}} {
		if _, stderr, code := run(t, env, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	out, stderr, code := run(t, env, "list")
	if code != 0 {
		t.Fatalf("list: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"LAB", "PROVIDER", "NODES", "STATE", "default", "two", "docker", "192.168.57.0/24", "2401-2404", "not created"} {
		if !strings.Contains(out, want) {
			t.Errorf("list does not show %q:\n%s", want, out)
		}
	}
	out, _, _ = run(t, env, "list", "-o", "json")
	var doc listDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Labs) != 2 {
		t.Fatalf("list -o json: %v\n%s", err, out)
	}
	if l := doc.Labs[1]; l.Name != "two" || l.Provider != "docker" || len(l.Nodes) != 4 || l.State != "not created" || l.Subnet != "192.168.57.0/24" {
		t.Errorf("lab two = %+v", l)
	}
	// A subnet chosen by hand that collides is an error naming both labs.
	_, stderr, code = run(t, env, "plan", "--lab", "three", "--subnet", "192.168.57.0/24")
	if code != exitUsage || !strings.Contains(stderr, `lab "two" uses 192.168.57.0/24 already`) {
		t.Errorf("colliding subnet: exit %d:\n%s", code, stderr)
	}
}
