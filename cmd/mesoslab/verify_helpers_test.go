package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/mesoslab/mesoslab/lab/health"
)

// loopbackConfig is a lab whose nodes are on loopback: masters on
// 127.0.0.11-13, agent1 on 127.0.0.21. Only ZooKeeper is switched on, the
// one component that runs on this machine.
const loopbackConfig = `provider: docker
subnet: 127.0.0.0/24
masters: 3
agents: 1
components:
  zookeeper: true
  mesos: false
  marathon: false
  chronos: false
  mesos_dns: false
`

// loopbackHome writes the loopback lab into a fresh MESOSLAB_HOME.
func loopbackHome(t *testing.T) map[string]string {
	t.Helper()
	home := t.TempDir()
	dir := filepath.Join(home, "labs", "default")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "mesoslab.yaml"), []byte(loopbackConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"MESOSLAB_HOME": home}
}

func decodeVerify(t *testing.T, out string) verifyDoc {
	t.Helper()
	var doc verifyDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("verify -o json is not JSON: %v\n%s", err, out)
	}
	return doc
}

func decodeStatus(t *testing.T, out string) statusDoc {
	t.Helper()
	var doc statusDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("status -o json is not JSON: %v\n%s", err, out)
	}
	return doc
}

// check returns a check of the report or fails the test.
func check(t *testing.T, doc verifyDoc, id string) health.Check {
	t.Helper()
	c, found := doc.Check(id)
	if !found {
		t.Fatalf("no check %s in %+v", id, doc.Checks)
	}
	return c
}

// zkModes maps node to ZooKeeper mode (or problem) from status rows.
func zkModes(doc statusDoc) map[string]string {
	out := map[string]string{}
	for _, n := range doc.Nodes {
		out[n.Name] = n.ZooKeeper
	}
	return out
}

// syncBuffer is a bytes.Buffer safe for a running command and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// runAsync is run in the background: the output so far, and the exit code
// when the command ends.
func runAsync(t *testing.T, env map[string]string, args ...string) (*syncBuffer, <-chan int) {
	t.Helper()
	out, errOut := &syncBuffer{}, &syncBuffer{}
	s := streams{In: strings.NewReader(""), Out: out, Err: errOut,
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		err := runApp(ctx, s, append([]string{"mesoslab"}, args...))
		done <- exitCode(err, errOut)
	}()
	// A test that fails early still stops the command before its files go.
	t.Cleanup(func() { cancel(); <-finished })
	return out, done
}
