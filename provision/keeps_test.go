package provision

import (
	"reflect"
	"testing"
)

func TestStepsSayWhatTheyKeep(t *testing.T) {
	tests := []struct {
		name string
		step Step
		want Keeps
	}{
		{"file", File(FileSpec{Path: "/etc/zookeeper/conf/zoo.cfg"}), Keeps{Files: []string{"/etc/zookeeper/conf/zoo.cfg"}}},
		{"secret file stays on the node", File(FileSpec{Path: "/etc/secret", Secret: true}), Keeps{}},
		{"running service", Service(ServiceSpec{Name: "zookeeper", Enabled: true, Running: true}), Keeps{Units: []string{"zookeeper"}}},
		{"enabled only", Service(ServiceSpec{Name: "docker", Enabled: true}), Keeps{Units: []string{"docker"}}},
		{"service kept off is not the lab's", Service(ServiceSpec{Name: "mesos-agent"}), Keeps{}},
		{"packages without versions", Package(PackageSpec{Names: []string{"zookeeperd=3.8.0-11", "curl"}}), Keeps{Packages: []string{"zookeeperd", "curl"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, ok := tt.step.(Keeper)
			if !ok {
				t.Fatalf("%s is not a Keeper", tt.step.Name())
			}
			if got := k.Keeps(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Keeps() = %+v, want %+v", got, tt.want)
			}
		})
	}
	if _, ok := Shell(ShellSpec{Name: "x", Check: "true"}).(Keeper); ok {
		t.Error("a shell step cannot know what it keeps, yet claims to")
	}
}
