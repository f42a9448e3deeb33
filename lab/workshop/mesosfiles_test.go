package workshop

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The agent client against an httptest server on loopback serving a Mesos
// 1.x agent /state (testdata/mesos) and /files/read with Mesos's offsets.

const (
	agent1Task    = "demo.1a2b3c4d-1628-11f1-9a3c-0242ac110002"
	agent1Sandbox = "/var/lib/mesos/slaves/7c6a0e9e-5d1b-4e8a-b2f3-0d9c8b7a6f5e-S0/frameworks/7c6a0e9e-5d1b-4e8a-b2f3-0d9c8b7a6f5e-0000/executors/demo.1a2b3c4d-1628-11f1-9a3c-0242ac110002/runs/3e9c1b2a-5f6d-4e7c-8a9b-0c1d2e3f4a5b"
	agent2Task    = "demo.2b3c4d5e-1628-11f1-9a3c-0242ac110002"
)

func newFakeAgent(t *testing.T, stateFile string, files *fakeFiles) *Agent {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /state", serveJSON(200, testdata(t, stateFile)))
	mux.Handle("GET /files/read", files)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return NewAgent(srv.URL, srv.Client(), 0)
}

func TestAgentSandbox(t *testing.T) {
	tests := []struct {
		name, state, task string
		wantPrefix        string
		wantErr           error
	}{
		{"command executor named after the task", "mesos/agent1-state.json", agent1Task, agent1Sandbox, nil},
		{"docker executor listing the task", "mesos/agent2-docker-state.json", agent2Task, "/var/lib/mesos/slaves/7c6a0e9e-5d1b-4e8a-b2f3-0d9c8b7a6f5e-S1/", nil},
		{"a task of another agent", "mesos/agent1-state.json", agent2Task, "", ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newFakeAgent(t, tt.state, newFakeFiles())
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
	files := newFakeFiles()
	path := agent1Sandbox + "/stdout"
	files.append(path, "agent1\nMon Mar  2 10:15:33 UTC 2026\n")
	a := newFakeAgent(t, "mesos/agent1-state.json", files)
	ctx := context.Background()

	size, err := a.Size(ctx, path)
	if err != nil || size != 36 {
		t.Fatalf("Size = %d, %v; want 36", size, err)
	}
	c, err := a.ReadAt(ctx, path, 7, 10)
	if err != nil || c != (Chunk{Data: "Mon Mar  2", Offset: 7}) {
		t.Errorf("ReadAt(7, 10) = %+v, %v", c, err)
	}
	c, err = a.ReadAt(ctx, path, 100, 10)
	// Mesos echoes the asked offset past the end, not the size (files.cpp:592).
	if err != nil || c != (Chunk{Data: "", Offset: 100}) {
		t.Errorf("ReadAt past the end = %+v, %v; want no data at offset 100", c, err)
	}
	if _, err := a.ReadAt(ctx, agent1Sandbox+"/nope", 0, 10); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown file: err = %v, want ErrNotFound", err)
	}
}

func TestTail(t *testing.T) {
	path := agent1Sandbox + "/stdout"
	lines := func(from, to int) string {
		var b strings.Builder
		for i := from; i < to; i++ {
			fmt.Fprintf(&b, "Mon Mar  2 10:%02d:%02d UTC 2026\n", 15+i/60, i%60)
		}
		return b.String()
	}
	t.Run("whole file in chunks larger than the agent's cap", func(t *testing.T) {
		files := newFakeFiles()
		big := "agent1\n" + lines(0, 3000) // 87 KB: two reads
		files.append(path, big)
		a := newFakeAgent(t, "mesos/agent1-state.json", files)
		var out strings.Builder
		if err := Tail(context.Background(), a, path, &out, TailOptions{Last: -1}); err != nil {
			t.Fatal(err)
		}
		if out.String() != big {
			t.Errorf("got %d bytes, want the %d of the file", out.Len(), len(big))
		}
	})
	t.Run("last bytes start at a line", func(t *testing.T) {
		files := newFakeFiles()
		files.append(path, "agent1\n"+lines(0, 100))
		a := newFakeAgent(t, "mesos/agent1-state.json", files)
		var out strings.Builder
		if err := Tail(context.Background(), a, path, &out, TailOptions{Last: 100}); err != nil {
			t.Fatal(err)
		}
		if out.String() != lines(97, 100) {
			t.Errorf("got %q, want the last three whole lines", out.String())
		}
	})
	t.Run("follow prints what is appended until cancelled", func(t *testing.T) {
		files := newFakeFiles()
		files.append(path, "agent1\n")
		a := newFakeAgent(t, "mesos/agent1-state.json", files)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		clock := newFakeClock()
		// Each poll interval the task prints a date; after five the
		// presenter presses Ctrl-C. On the third the log is rotated.
		clock.onSleep = func(n int) {
			switch {
			case n == 3:
				files.truncate(path)
			case n > 5:
				cancel()
				return
			}
			files.append(path, lines(n, n+1))
		}
		var out strings.Builder
		err := Tail(ctx, a, path, &out, TailOptions{Follow: true, Clock: clock})
		if err != nil {
			t.Fatalf("Tail ended with %v; a cancelled follow ends cleanly", err)
		}
		want := "agent1\n" + lines(1, 6)
		if out.String() != want {
			t.Errorf("got\n%s\nwant\n%s", out.String(), want)
		}
	})
}
