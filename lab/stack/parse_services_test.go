package stack_test

import (
	"path/filepath"
	"testing"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// Marathon's /v2/info is a documented format, served by fakes in the HTTP tests.
func TestParseMarathonInfo(t *testing.T) {
	info, err := stack.ParseMarathonInfo(stacktest.Payload(t, "marathon/info.json"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Version != "1.5.0-SNAPSHOT" || info.Leader != "master2:8080" || !info.Elected ||
		info.MarathonConfig.FrameworkName != "marathon" ||
		info.ZooKeeperConfig.ZK != "zk://192.168.56.11:2181,192.168.56.12:2181,192.168.56.13:2181/marathon" ||
		info.MarathonConfig.Master != "zk://192.168.56.11:2181,192.168.56.12:2181,192.168.56.13:2181/mesos" {
		t.Errorf("unexpected info %+v", info)
	}
	if _, err := stack.ParseMarathonInfo([]byte(`{"message":"Could not determine the current leader"}`)); err == nil {
		t.Error("an error body parsed as info")
	}
}

func TestIsPong(t *testing.T) {
	for body, want := range map[string]bool{"pong": true, "pong\n": true, `"pong"`: true, "": false, "ping": false} {
		if got := stack.IsPong([]byte(body)); got != want {
			t.Errorf("IsPong(%q) = %v, want %v", body, got, want)
		}
	}
}

// Chronos job lists are documented formats (Chronos cannot run here).
func TestParseChronosJobs(t *testing.T) {
	tests := []struct {
		file string
		want []stack.Job
	}{
		{"chronos/jobs.json", []stack.Job{
			{Name: "mesoslab-tick", Schedule: "R/2024-01-01T00:00:00.000Z/PT2M", SuccessCount: 12, LastSuccess: "2024-05-29T16:24:01.507Z"},
			{Name: "mesoslab-report", ErrorCount: 1, LastError: "2024-05-29T16:20:00.000Z", Disabled: true},
		}},
		{"chronos/jobs-empty.json", []stack.Job{}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			got, err := stack.ParseChronosJobs(stacktest.Payload(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d jobs, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if counters(got[i]) != tt.want[i] {
					t.Errorf("job %d: %+v, want %+v", i, counters(got[i]), tt.want[i])
				}
			}
		})
	}
	if _, err := stack.ParseChronosJobs(stacktest.Payload(t, "marathon/info.json")); err == nil {
		t.Error("an object parsed as a job list")
	}
}

// Mesos-DNS /v1/version is a documented format (Mesos-DNS cannot run here).
func TestParseMesosDNSVersion(t *testing.T) {
	tests := []struct {
		file, want string
	}{
		{"mesos-dns/version.json", "v0.7.0-rc2"},
		{"mesos-dns/version-0.1.json", "0.1.1"},
	}
	for _, tt := range tests {
		got, err := stack.ParseMesosDNSVersion(stacktest.Payload(t, tt.file))
		if err != nil || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.file, got, err, tt.want)
		}
	}
	if _, err := stack.ParseMesosDNSVersion(stacktest.Payload(t, "marathon/info.json")); err == nil {
		t.Error("Marathon's info parsed as Mesos-DNS's version")
	}
}

// counters is the part of a job the health probes read: its name,
// schedule and Chronos's counters.
func counters(j stack.Job) stack.Job {
	return stack.Job{
		Name: j.Name, Schedule: j.Schedule, SuccessCount: j.SuccessCount, ErrorCount: j.ErrorCount,
		LastSuccess: j.LastSuccess, LastError: j.LastError, Disabled: j.Disabled,
	}
}
