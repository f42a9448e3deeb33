package workshop

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// The Chronos client against httptest servers on loopback that mount the
// job API where Chronos 3.x (/v1/scheduler) or 2.x (/scheduler) does.

func chronosServer(t *testing.T, prefix string, rec *recorded, jobsFile string) *Chronos {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+prefix+"/jobs", rec.wrap(serveJSON(200, testdata(t, jobsFile))))
	mux.HandleFunc("POST "+prefix+"/iso8601", rec.wrap(serveJSON(204, nil)))
	mux.HandleFunc("DELETE "+prefix+"/job/{name}", rec.wrap(serveJSON(204, nil)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return NewChronos(srv.URL, srv.Client(), 0)
}

func TestChronosFindsItsAPIAndPutsJobs(t *testing.T) {
	for _, prefix := range []string{"/v1/scheduler", "/scheduler"} {
		t.Run(prefix, func(t *testing.T) {
			rec := &recorded{}
			c := chronosServer(t, prefix, rec, "chronos/jobs-demo.json")
			job := DemoJob(time.Date(2026, 3, 2, 10, 17, 0, 0, time.UTC))
			if err := c.Put(context.Background(), job); err != nil {
				t.Fatal(err)
			}
			if c.API != prefix {
				t.Errorf("API = %q, want %q", c.API, prefix)
			}
			var sent map[string]any
			if err := json.Unmarshal([]byte(rec.body[len(rec.body)-1]), &sent); err != nil {
				t.Fatal(err)
			}
			if sent["schedule"] != "R/2026-03-02T10:17:00Z/PT16M" || sent["name"] != "demo" || sent["command"] != DemoJobCommand {
				t.Errorf("posted job = %v", sent)
			}
			if _, has := sent["successCount"]; has {
				t.Errorf("posted job carries Chronos's counters: %v", sent)
			}
			j, err := c.Job(context.Background(), "demo")
			if err != nil || j.Schedule != "R/2026-03-02T10:17:00.000Z/PT16M" {
				t.Errorf("Job = %+v, %v", j, err)
			}
			if _, err := c.Job(context.Background(), "nope"); !errors.Is(err, ErrNotFound) {
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
		// Chronos answers 400 to deleting an unknown job: it is not asked.
		{"chronos/jobs-empty.json", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.jobs, func(t *testing.T) {
			rec := &recorded{}
			c := chronosServer(t, "/v1/scheduler", rec, tt.jobs)
			existed, err := c.Delete(context.Background(), "demo")
			if err != nil || existed != tt.wantExisted {
				t.Fatalf("Delete = %v, %v", existed, err)
			}
			deletes := 0
			for _, r := range rec.reqs {
				if r == "DELETE /v1/scheduler/job/demo" {
					deletes++
				}
			}
			if deletes != tt.wantDelete {
				t.Errorf("requests = %q, want %d DELETE", rec.reqs, tt.wantDelete)
			}
		})
	}
}

func TestChronosErrors(t *testing.T) {
	t.Run("no job API", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		t.Cleanup(srv.Close)
		_, err := NewChronos(srv.URL, srv.Client(), 0).Detect(context.Background())
		if err == nil || !strings.Contains(err.Error(), "tried /v1/scheduler and /scheduler") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("bad schedule", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.HandleFunc("GET /v1/scheduler/jobs", serveJSON(200, []byte("[]")))
		mux.HandleFunc("POST /v1/scheduler/iso8601", serveJSON(400, testdata(t, "chronos/bad-schedule-400.json")))
		srv := httptest.NewServer(mux)
		t.Cleanup(srv.Close)
		err := NewChronos(srv.URL, srv.Client(), 0).Put(context.Background(), Job{Name: "x", Schedule: "R/x/PT16M"})
		var se *StatusError
		if !errors.As(err, &se) || se.Code != 400 || !strings.Contains(se.Body, "Cannot parse schedule") {
			t.Errorf("err = %v", err)
		}
	})
}
