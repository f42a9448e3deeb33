package stack_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// The Chronos client against httptest servers on loopback that mount the
// job API where stack.Chronos 3.x (/v1/scheduler) or 2.x (/scheduler) does.

// demoJob is the demo's job as package workshop creates it at 10:17.
var demoJob = stack.Job{
	Name: "demo", Command: "hostname; date", Schedule: "R/2026-03-02T10:17:00Z/PT16M",
	Epsilon: "PT30S", Owner: "mesoslab@localhost", CPUs: 0.1, Mem: 32,
}

func chronosServer(t *testing.T, prefix string, rec *stacktest.Recorder, jobsFile string) *stack.Chronos {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+prefix+"/jobs", rec.Wrap(stacktest.ServeJSON(200, stacktest.Payload(t, jobsFile))))
	mux.HandleFunc("POST "+prefix+"/iso8601", rec.Wrap(stacktest.ServeJSON(204, nil)))
	mux.HandleFunc("DELETE "+prefix+"/job/{name}", rec.Wrap(stacktest.ServeJSON(204, nil)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return stack.NewChronos(srv.URL, srv.Client(), 0)
}

func TestChronosFindsItsAPIAndPutsJobs(t *testing.T) {
	for _, prefix := range []string{"/v1/scheduler", "/scheduler"} {
		t.Run(prefix, func(t *testing.T) {
			rec := &stacktest.Recorder{}
			c := chronosServer(t, prefix, rec, "chronos/jobs-demo.json")
			job := demoJob
			if err := c.Put(context.Background(), job); err != nil {
				t.Fatal(err)
			}
			if c.API != prefix {
				t.Errorf("API = %q, want %q", c.API, prefix)
			}
			var sent map[string]any
			if err := json.Unmarshal([]byte(rec.Body[len(rec.Body)-1]), &sent); err != nil {
				t.Fatal(err)
			}
			if sent["schedule"] != "R/2026-03-02T10:17:00Z/PT16M" || sent["name"] != "demo" || sent["command"] != demoJob.Command {
				t.Errorf("posted job = %v", sent)
			}
			if _, has := sent["successCount"]; has {
				t.Errorf("posted job carries Chronos's counters: %v", sent)
			}
			j, err := c.Job(context.Background(), "demo")
			if err != nil || j.Schedule != "R/2026-03-02T10:17:00.000Z/PT16M" {
				t.Errorf("stack.Job = %+v, %v", j, err)
			}
			if _, err := c.Job(context.Background(), "nope"); !errors.Is(err, stack.ErrNotFound) {
				t.Errorf("unknown job: err = %v, want ErrNotFound", err)
			}
		})
	}
}

func TestChronosDelete(t *testing.T) {
	tests := []struct {
		jobs        string
		wantExisted bool
		wantDelete  int
	}{
		{"chronos/jobs-demo.json", true, 1},
		// stack.Chronos answers 400 to deleting an unknown job: it is not asked.
		{"chronos/jobs-empty.json", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.jobs, func(t *testing.T) {
			rec := &stacktest.Recorder{}
			c := chronosServer(t, "/v1/scheduler", rec, tt.jobs)
			existed, err := c.Delete(context.Background(), "demo")
			if err != nil || existed != tt.wantExisted {
				t.Fatalf("Delete = %v, %v", existed, err)
			}
			deletes := 0
			for _, r := range rec.Reqs {
				if r == "DELETE /v1/scheduler/job/demo" {
					deletes++
				}
			}
			if deletes != tt.wantDelete {
				t.Errorf("requests = %q, want %d DELETE", rec.Reqs, tt.wantDelete)
			}
		})
	}
}

func TestChronosErrors(t *testing.T) {
	t.Run("no job API", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		t.Cleanup(srv.Close)
		_, err := stack.NewChronos(srv.URL, srv.Client(), 0).Detect(context.Background())
		if err == nil || !strings.Contains(err.Error(), "tried /v1/scheduler and /scheduler") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("bad schedule", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.HandleFunc("GET /v1/scheduler/jobs", stacktest.ServeJSON(200, []byte("[]")))
		mux.HandleFunc("POST /v1/scheduler/iso8601", stacktest.ServeJSON(400, stacktest.Payload(t, "chronos/bad-schedule-400.json")))
		srv := httptest.NewServer(mux)
		t.Cleanup(srv.Close)
		err := stack.NewChronos(srv.URL, srv.Client(), 0).Put(context.Background(), stack.Job{Name: "x", Schedule: "R/x/PT16M"})
		var se *stack.StatusError
		if !errors.As(err, &se) || se.Code != 400 || !strings.Contains(se.Body, "Cannot parse schedule") {
			t.Errorf("err = %v", err)
		}
	})
}
