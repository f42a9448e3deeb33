package stack

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Agent is a client of one Mesos agent's HTTP API (:5051): its /state, to
// find a task's sandbox, and its /files/read, to read files in it.
type Agent struct {
	// Base is the agent's URL, http://ADDR:5051.
	Base string
	c    Client
}

// NewAgent returns a client of the agent at base; a nil client means
// NewHTTPClient(nil), a zero timeout DefaultCallTimeout per call.
func NewAgent(base string, c *http.Client, timeout time.Duration) *Agent {
	return &Agent{Base: strings.TrimRight(base, "/"), c: NewClient(c, timeout)}
}

// agentState is the part of an agent's /state that leads to sandboxes.
type agentState struct {
	ID         string `json:"id"`
	Hostname   string `json:"hostname"`
	Frameworks []struct {
		ID        string     `json:"id"`
		Name      string     `json:"name"`
		Executors []executor `json:"executors"`
	} `json:"frameworks"`
}

// executor is one executor of the agent's /state; its directory is the
// sandbox of the tasks it runs.
type executor struct {
	ID        string `json:"id"`
	Directory string `json:"directory"`
	Tasks     []struct {
		ID    string `json:"id"`
		State string `json:"state"`
	} `json:"tasks"`
}

// runs reports whether the executor runs the task: the command executor
// Marathon uses is named after its task, other executors list it.
func (e executor) runs(taskID string) bool {
	if e.ID == taskID {
		return true
	}
	for _, t := range e.Tasks {
		if t.ID == taskID {
			return true
		}
	}
	return false
}

// Sandbox returns the directory of the task's sandbox on this agent, the
// path /files/read takes.
func (a *Agent) Sandbox(ctx context.Context, taskID string) (string, error) {
	r, err := a.c.Call(ctx, http.MethodGet, a.Base+"/state", nil, http.StatusOK)
	if err != nil {
		return "", err
	}
	var st agentState
	if err := r.Decode(&st); err != nil {
		return "", err
	}
	for _, fw := range st.Frameworks {
		for _, e := range fw.Executors {
			if e.runs(taskID) && e.Directory != "" {
				return e.Directory, nil
			}
		}
	}
	return "", fmt.Errorf("agent %s (%s) runs no executor for task %s: %w", st.Hostname, a.Base, taskID, ErrNotFound)
}

// Chunk is one answer of /files/read: data read from Offset.
type Chunk struct {
	Data   string `json:"data"`
	Offset int64  `json:"offset"`
}

// ReadAt reads up to length bytes of path from offset. The agent caps a read
// at 16 pages and answers an offset at or past the end with no data and the
// same offset (not the size); offset -1 asks for the size alone.
func (a *Agent) ReadAt(ctx context.Context, path string, offset, length int64) (Chunk, error) {
	q := url.Values{"path": {path}, "offset": {strconv.FormatInt(offset, 10)}}
	if length >= 0 {
		q.Set("length", strconv.FormatInt(length, 10))
	}
	r, err := a.c.Call(ctx, http.MethodGet, a.Base+"/files/read?"+q.Encode(), nil, http.StatusOK, http.StatusNotFound)
	if err != nil {
		return Chunk{}, err
	}
	if r.Code == http.StatusNotFound {
		return Chunk{}, fmt.Errorf("file %s on agent %s: %w", path, a.Base, ErrNotFound)
	}
	var c Chunk
	return c, r.Decode(&c)
}

// Size returns the file's size.
func (a *Agent) Size(ctx context.Context, path string) (int64, error) {
	c, err := a.ReadAt(ctx, path, -1, -1)
	return c.Offset, err
}
