package workshop

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// Tail against an httptest agent on loopback serving a Mesos 1.x agent
// /state and /files/read with Mesos's offsets (stacktest.Files).

const agent1Sandbox = "/var/lib/mesos/slaves/7c6a0e9e-5d1b-4e8a-b2f3-0d9c8b7a6f5e-S0/frameworks/7c6a0e9e-5d1b-4e8a-b2f3-0d9c8b7a6f5e-0000/executors/demo.1a2b3c4d-1628-11f1-9a3c-0242ac110002/runs/3e9c1b2a-5f6d-4e7c-8a9b-0c1d2e3f4a5b"

func newFakeAgent(t *testing.T, stateFile string, files *stacktest.Files) *stack.Agent {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /state", stacktest.ServeJSON(200, testdata(t, stateFile)))
	mux.Handle("GET /files/read", files)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return stack.NewAgent(srv.URL, srv.Client(), 0)
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
		files := stacktest.NewFiles()
		big := "agent1\n" + lines(0, 3000) // 87 KB: two reads
		files.Append(path, big)
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
		files := stacktest.NewFiles()
		files.Append(path, "agent1\n"+lines(0, 100))
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
		files := stacktest.NewFiles()
		files.Append(path, "agent1\n")
		a := newFakeAgent(t, "mesos/agent1-state.json", files)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		clock := newFakeClock()
		// Each poll interval the task prints a date; after five the
		// presenter presses Ctrl-C. On the third the log is rotated.
		clock.onSleep = func(n int) {
			switch {
			case n == 3:
				files.Truncate(path)
			case n > 5:
				cancel()
				return
			}
			files.Append(path, lines(n, n+1))
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
