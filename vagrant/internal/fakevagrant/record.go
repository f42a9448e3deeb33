//go:build unix

package fakevagrant

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
)

// Record is one thing the fake saw or did.
type Record struct {
	// Event is "start", "signal", "cleanup-done", "grandchild", "locked" or "exit".
	Event string            `json:"event"`
	Args  []string          `json:"args,omitempty"`
	Env   map[string]string `json:"env,omitempty"` // the VAGRANT_* and FAKE_* variables
	Dir   string            `json:"dir,omitempty"`
	PID   int               `json:"pid"`
	PGID  int               `json:"pgid"`
	// Detail is the signal name, the grandchild's pid, or the exit status.
	Detail string `json:"detail,omitempty"`
}

func (f *fake) record(r Record) {
	path := os.Getenv(EnvRecord)
	if path == "" {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	r.PID, r.PGID = os.Getpid(), pgid()
	r.Dir, _ = os.Getwd()
	b, _ := json.Marshal(r)
	fd, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer fd.Close()
	_, _ = fd.Write(append(b, '\n'))
}

// ReadRecords reads the records a fake appended to path.
func ReadRecords(path string) ([]Record, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Record
	for _, l := range lines(string(b)) {
		var r Record
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			return nil, fmt.Errorf("record %q: %w", l, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func vagrantEnv() map[string]string {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "VAGRANT_") || strings.HasPrefix(k, "FAKE_") {
			env[k] = v
		}
	}
	return env
}

func pgid() int {
	g, err := syscall.Getpgid(os.Getpid())
	if err != nil {
		return -1
	}
	return g
}
