package config

import (
	"reflect"
	"strings"
	"testing"
)

func TestInitFileRoundTrips(t *testing.T) {
	for _, mutate := range []func(*Spec){
		func(*Spec) {},
		func(s *Spec) { s.Name, s.Provider, s.Masters, s.Agents = "workshop", "docker", 1, 2 },
		func(s *Spec) {
			s.Sources.MesosDNS = MesosDNSSource{URL: MesosDNSReleaseURL, Version: MesosDNSReleaseVersion}
		},
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
		if err := Validate(got); err != nil {
			t.Errorf("the file init writes does not validate: %v", err)
		}
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

// TestInitFileShowsTheOtherMesosDNSSource: the file names the package by
// default and keeps the release binary, at a version that reads Mesos 1.11,
// as a commented alternative.
func TestInitFileShowsTheOtherMesosDNSSource(t *testing.T) {
	data, err := InitFile(Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\n    package: mesos-dns\n",
		"\n    # url: " + MesosDNSReleaseURL + "\n",
		"\n    # version: \"0.7.0-rc2\"\n",
		"it polls /master/state.json,\n  # which Mesos removed in 1.8.",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("init file lacks %q", want)
		}
	}
}
