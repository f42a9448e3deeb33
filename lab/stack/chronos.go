package stack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Chronos is a client of one Chronos instance. Non-leaders proxy every call
// to the leader, so any instance will do.
type Chronos struct {
	// Base is the instance's URL, http://ADDR:4400.
	Base string
	// API is the path prefix: /v1/scheduler on Chronos 3.x, /scheduler on
	// 2.x; empty until Detect found it.
	API string
	c   Client
}

// NewChronos returns a client of the Chronos at base; a nil client means
// NewHTTPClient(nil), a zero timeout DefaultCallTimeout per call.
func NewChronos(base string, c *http.Client, timeout time.Duration) *Chronos {
	return &Chronos{Base: strings.TrimRight(base, "/"), c: NewClient(c, timeout)}
}

// ChronosAPIs are the job API's path prefixes, tried in order: Chronos 3.x
// mounts its API under /v1/scheduler, 2.x under /scheduler, so a 404 on the
// first means the second.
var ChronosAPIs = [...]string{"/v1/scheduler", "/scheduler"}

// ChronosFramework is the framework name Chronos registers by default
// (--mesos_framework_name); the lab keeps the default.
const ChronosFramework = "chronos"

// Job is a Chronos job: the fields the demo sets, then the counters
// Chronos keeps, which a create leaves out.
type Job struct {
	Name     string  `json:"name"`
	Command  string  `json:"command"`
	Schedule string  `json:"schedule"`
	Epsilon  string  `json:"epsilon,omitempty"`
	Owner    string  `json:"owner,omitempty"`
	CPUs     float64 `json:"cpus,omitempty"`
	Mem      float64 `json:"mem,omitempty"`
	Disk     float64 `json:"disk"`
	// Retries is how often Chronos retries a failed run before counting an
	// error (its default is 2, each after a delay); nil leaves the default.
	Retries *int `json:"retries,omitempty"`

	SuccessCount int    `json:"successCount,omitempty"`
	ErrorCount   int    `json:"errorCount,omitempty"`
	LastSuccess  string `json:"lastSuccess,omitempty"`
	LastError    string `json:"lastError,omitempty"`
	Disabled     bool   `json:"disabled,omitempty"`
}

// ParseChronosJobs reads the job list, a JSON array in every version.
func ParseChronosJobs(body []byte) ([]Job, error) {
	var jobs []Job
	if err := json.Unmarshal(body, &jobs); err != nil {
		return nil, fmt.Errorf("chronos job list: %w", err)
	}
	return jobs, nil
}

// Detect finds the API prefix by listing jobs, and returns the job list.
func (c *Chronos) Detect(ctx context.Context) ([]Job, error) {
	var lastErr error
	for _, api := range ChronosAPIs {
		r, err := c.c.Call(ctx, http.MethodGet, c.Base+api+"/jobs", nil, http.StatusOK, http.StatusNotFound)
		if err != nil {
			return nil, err
		}
		if r.Code == http.StatusNotFound {
			lastErr = r.StatusError()
			continue
		}
		var jobs []Job
		if err := r.Decode(&jobs); err != nil {
			return nil, err
		}
		c.API = api
		return jobs, nil
	}
	return nil, fmt.Errorf("no Chronos job API at %s (tried /v1/scheduler and /scheduler): %w", c.Base, lastErr)
}

func (c *Chronos) prefix(ctx context.Context) (string, error) {
	if c.API == "" {
		if _, err := c.Detect(ctx); err != nil {
			return "", err
		}
	}
	return c.Base + c.API, nil
}

// Put creates the job, or replaces the one with its name: Chronos answers
// 204 to both.
func (c *Chronos) Put(ctx context.Context, j Job) error {
	p, err := c.prefix(ctx)
	if err != nil {
		return err
	}
	_, err = c.c.Call(ctx, http.MethodPost, p+"/iso8601", j, http.StatusNoContent, http.StatusOK, http.StatusCreated)
	return err
}

// Start runs the job now, whatever its schedule: Chronos 3.x queues a task
// for it on PUT …/job/NAME and answers 204 (JobManagementResource.scala,
// trigger, at v3.0.2).
func (c *Chronos) Start(ctx context.Context, name string) error {
	p, err := c.prefix(ctx)
	if err != nil {
		return err
	}
	_, err = c.c.Call(ctx, http.MethodPut, p+"/job/"+url.PathEscape(name), nil, http.StatusNoContent, http.StatusOK)
	return err
}

// Jobs lists every job.
func (c *Chronos) Jobs(ctx context.Context) ([]Job, error) {
	p, err := c.prefix(ctx)
	if err != nil {
		return nil, err
	}
	r, err := c.c.Call(ctx, http.MethodGet, p+"/jobs", nil, http.StatusOK)
	if err != nil {
		return nil, err
	}
	var jobs []Job
	return jobs, r.Decode(&jobs)
}

// Job returns the job called name; an unknown job wraps ErrNotFound.
func (c *Chronos) Job(ctx context.Context, name string) (Job, error) {
	jobs, err := c.Jobs(ctx)
	if err != nil {
		return Job{}, err
	}
	for _, j := range jobs {
		if j.Name == name {
			return j, nil
		}
	}
	return Job{}, fmt.Errorf("chronos job %s: %w", name, ErrNotFound)
}

// Delete removes the job and reports whether it existed. Chronos answers
// an unknown name with 400, so the list is asked first.
func (c *Chronos) Delete(ctx context.Context, name string) (existed bool, err error) {
	if _, err := c.Job(ctx, name); errors.Is(err, ErrNotFound) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	p, err := c.prefix(ctx)
	if err != nil {
		return false, err
	}
	_, err = c.c.Call(ctx, http.MethodDelete, p+"/job/"+url.PathEscape(name), nil, http.StatusNoContent, http.StatusOK)
	return err == nil, err
}
