package stack_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// The agent client against an httptest server on loopback serving a Mesos
// 1.x agent /state (stacktest/testdata/mesos) and /files/read with Mesos's offsets.

const (
	agent1Task    = "demo.1a2b3c4d-1628-11f1-9a3c-0242ac110002"
	agent1Sandbox = "/var/lib/mesos/slaves/7c6a0e9e-5d1b-4e8a-b2f3-0d9c8b7a6f5e-S0/frameworks/7c6a0e9e-5d1b-4e8a-b2f3-0d9c8b7a6f5e-0000/executors/demo.1a2b3c4d-1628-11f1-9a3c-0242ac110002/runs/3e9c1b2a-5f6d-4e7c-8a9b-0c1d2e3f4a5b"
	agent2Task    = "demo.2b3c4d5e-1628-11f1-9a3c-0242ac110002"
)

func newFakeAgent(t *testing.T, stateFile string, files *stacktest.Files) *stack.Agent {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /state", stacktest.ServeJSON(200, stacktest.Payload(t, stateFile)))
	mux.Handle("GET /files/read", files)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return stack.NewAgent(srv.URL, srv.Client(), 0)
}

func TestAgentSandbox(t *testing.T) {
	tests := []struct {
		name, state, task string
		wantPrefix        string
		wantErr           error
	}{
		{"command executor named after the task", "mesos/agent1-state.json", agent1Task, agent1Sandbox, nil},
		{"docker executor listing the task", "mesos/agent2-docker-state.json", agent2Task, "/var/lib/mesos/slaves/7c6a0e9e-5d1b-4e8a-b2f3-0d9c8b7a6f5e-S1/", nil},
		{"a task of another agent", "mesos/agent1-state.json", agent2Task, "", stack.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newFakeAgent(t, tt.state, stacktest.NewFiles())
			dir, err := a.Sandbox(context.Background(), tt.task)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if !strings.HasPrefix(dir, tt.wantPrefix) {
				t.Errorf("sandbox = %q, want prefix %q", dir, tt.wantPrefix)
			}
		})
	}
}

func TestAgentReadAtFollowsMesosOffsets(t *testing.T) {
	files := stacktest.NewFiles()
	path := agent1Sandbox + "/stdout"
	files.Append(path, "agent1\nMon Mar  2 10:15:33 UTC 2026\n")
	a := newFakeAgent(t, "mesos/agent1-state.json", files)
	ctx := context.Background()

	size, err := a.Size(ctx, path)
	if err != nil || size != 36 {
		t.Fatalf("Size = %d, %v; want 36", size, err)
	}
	c, err := a.ReadAt(ctx, path, 7, 10)
	if err != nil || c != (stack.Chunk{Data: "Mon Mar  2", Offset: 7}) {
		t.Errorf("ReadAt(7, 10) = %+v, %v", c, err)
	}
	c, err = a.ReadAt(ctx, path, 100, 10)
	// Mesos echoes the asked offset past the end, not the size (files.cpp:592).
	if err != nil || c != (stack.Chunk{Data: "", Offset: 100}) {
		t.Errorf("ReadAt past the end = %+v, %v; want no data at offset 100", c, err)
	}
	if _, err := a.ReadAt(ctx, agent1Sandbox+"/nope", 0, 10); !errors.Is(err, stack.ErrNotFound) {
		t.Errorf("unknown file: err = %v, want ErrNotFound", err)
	}
}
