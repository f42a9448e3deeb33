package lab

import (
	"reflect"
	"strings"
	"testing"
)

func TestInitFileRoundTrips(t *testing.T) {
	for _, mutate := range []func(*Spec){
		func(*Spec) {},
		func(s *Spec) { s.Name, s.Provider, s.Masters, s.Agents = "workshop", "docker", 1, 2 },
	} {
		want := Default()
		mutate(&want)
		data, err := InitFile(want)
		if err != nil {
			t.Fatal(err)
		}
		// Decode over a spec that differs everywhere, so every key must be present.
		got, err := DecodeConfig("init", data, Spec{Masters: 99, Nodes: []NodeOverride{}})
		if err != nil {
			t.Fatalf("the file init writes does not load: %v\n%s", err, data)
		}
		got.Nodes = nil
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip lost values:\n got %+v\nwant %+v", got, want)
		}
		for _, key := range []string{"masters:", "box_version:", "mesos_dns:", "key_url:", "ssh_port_base:"} {
			if !strings.Contains(string(data), key) {
				t.Errorf("init file has no %s", key)
			}
		}
	}
}
