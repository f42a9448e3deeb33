package workshop

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// ErrNotFound is wrapped by the errors of calls whose object does not exist
// (an app Marathon does not know).
var ErrNotFound = errors.New("not found")

// Marathon is a client of one Marathon instance's REST API (/v2). Any
// instance will do: standbys proxy every call to the leader.
type Marathon struct {
	// Base is the instance's URL, http://ADDR:8080.
	Base string
	api  api
}

// NewMarathon returns a client of the Marathon at base; a nil client means
// NewHTTPClient(nil), a zero timeout DefaultCallTimeout per call.
func NewMarathon(base string, c *http.Client, timeout time.Duration) *Marathon {
	return &Marathon{Base: strings.TrimRight(base, "/"), api: newAPI(c, timeout)}
}

// App is a Marathon application definition, the part the demo sets.
type App struct {
	ID          string     `json:"id"`
	Cmd         string     `json:"cmd"`
	CPUs        float64    `json:"cpus"`
	Mem         float64    `json:"mem"`
	Instances   int        `json:"instances"`
	Constraints [][]string `json:"constraints,omitempty"`
	Container   *Container `json:"container,omitempty"`
	// PortDefinitions asks for host ports; one port with number 0 lets
	// Marathon pick it, which gives Mesos-DNS an SRV record to publish.
	PortDefinitions []PortDefinition `json:"portDefinitions,omitempty"`
}

// PortDefinition is one host port of an app.
type PortDefinition struct {
	Port     int    `json:"port"`
	Protocol string `json:"protocol,omitempty"`
	Name     string `json:"name,omitempty"`
}

// Container runs an app in a container image instead of the agent's shell.
type Container struct {
	Type   string  `json:"type"`
	Docker *Docker `json:"docker,omitempty"`
}

// Docker is the Docker part of a container.
type Docker struct {
	Image string `json:"image"`
}

// AppStatus is an app as GET /v2/apps/ID?embed=app.tasks shows it.
type AppStatus struct {
	ID           string       `json:"id"`
	Instances    int          `json:"instances"`
	TasksRunning int          `json:"tasksRunning"`
	TasksStaged  int          `json:"tasksStaged"`
	Deployments  []Deployment `json:"deployments"`
	Tasks        []Task       `json:"tasks"`
	Container    *Container   `json:"container"`
	// LastTaskFailure says why the last task failed, if one did.
	LastTaskFailure *TaskFailure `json:"lastTaskFailure"`
}

// TaskFailure is Marathon's record of a task that failed.
type TaskFailure struct {
	Host    string `json:"host"`
	Message string `json:"message"`
	State   string `json:"state"`
	TaskID  string `json:"taskId"`
}

// RunningTasks returns the tasks that run.
func (a AppStatus) RunningTasks() []Task {
	var out []Task
	for _, t := range a.Tasks {
		if t.Running() {
			out = append(out, t)
		}
	}
	return out
}

// Ready reports whether the app runs all its instances with no deployment
// left, which is when a deploy or an update is done.
func (a AppStatus) Ready() bool {
	return len(a.Deployments) == 0 && a.Instances > 0 && len(a.RunningTasks()) == a.Instances
}

// Deployment names a deployment in progress.
type Deployment struct {
	ID string `json:"id"`
}

// Task is one task of an app.
type Task struct {
	ID      string `json:"id"`
	AppID   string `json:"appId"`
	Host    string `json:"host"`
	SlaveID string `json:"slaveId"`
	// State is TASK_RUNNING and friends; Marathon before 1.4 leaves it
	// out, and StartedAt is then the sign the task runs.
	State     string `json:"state"`
	StagedAt  string `json:"stagedAt"`
	StartedAt string `json:"startedAt"`
	Ports     []int  `json:"ports"`
}

// Running reports whether the task runs.
func (t Task) Running() bool {
	if t.State != "" {
		return t.State == "TASK_RUNNING"
	}
	return t.StartedAt != ""
}

// DeployResult says what a deploy did.
type DeployResult struct {
	// Updated is true when the app existed (409 on create) and was replaced.
	Updated      bool   `json:"updated"`
	DeploymentID string `json:"deploymentId,omitempty"`
}

// Leader returns the Marathon leader (host:port) this instance names; an
// instance that knows none answers 404 (or 502/503 through a standby).
func (m *Marathon) Leader(ctx context.Context) (string, error) {
	r, err := m.api.call(ctx, http.MethodGet, m.Base+"/v2/leader", nil, http.StatusOK)
	if err != nil {
		return "", err
	}
	var v struct {
		Leader string `json:"leader"`
	}
	if err := r.decode(&v); err != nil {
		return "", err
	}
	if v.Leader == "" {
		return "", fmt.Errorf("GET %s/v2/leader names no leader: %s", m.Base, snippet(r.body))
	}
	return v.Leader, nil
}

// Deploy creates the app; when it exists already (409) it replaces its
// definition, forcing past a deployment still running, so the demo can be
// run again or switched to Docker.
func (m *Marathon) Deploy(ctx context.Context, app App) (DeployResult, error) {
	r, err := m.api.call(ctx, http.MethodPost, m.Base+"/v2/apps", app, http.StatusCreated, http.StatusOK, http.StatusConflict)
	if err != nil {
		return DeployResult{}, err
	}
	if r.code != http.StatusConflict {
		return DeployResult{DeploymentID: deploymentID(r)}, nil
	}
	r, err = m.api.call(ctx, http.MethodPut, m.appURL(app.ID)+"?force=true", app,
		http.StatusOK, http.StatusCreated, http.StatusNoContent)
	if err != nil {
		return DeployResult{}, fmt.Errorf("app %s exists; updating it: %w", app.ID, err)
	}
	return DeployResult{Updated: true, DeploymentID: deploymentID(r)}, nil
}

// deploymentID reads the deployment from the header Marathon 1.x sets, or
// from the body: {"deploymentId"} on update, {"deployments":[{id}]} on create.
func deploymentID(r reply) string {
	if id := r.header.Get("Marathon-Deployment-Id"); id != "" {
		return id
	}
	var v struct {
		DeploymentID string       `json:"deploymentId"`
		Deployments  []Deployment `json:"deployments"`
	}
	if r.decode(&v) != nil {
		return ""
	}
	if v.DeploymentID == "" && len(v.Deployments) > 0 {
		return v.Deployments[0].ID
	}
	return v.DeploymentID
}

// App returns the app with its tasks; an unknown app wraps ErrNotFound.
func (m *Marathon) App(ctx context.Context, id string) (AppStatus, error) {
	r, err := m.api.call(ctx, http.MethodGet, m.appURL(id)+"?embed=app.tasks", nil, http.StatusOK, http.StatusNotFound)
	if err != nil {
		return AppStatus{}, err
	}
	if r.code == http.StatusNotFound {
		return AppStatus{}, fmt.Errorf("marathon app %s: %w", id, ErrNotFound)
	}
	var v struct {
		App AppStatus `json:"app"`
	}
	if err := r.decode(&v); err != nil {
		return AppStatus{}, err
	}
	return v.App, nil
}

// Delete removes the app and reports whether it existed. Marathon answers
// 200 with a deployment (1.4 on) or 204 (earlier); both mean done.
func (m *Marathon) Delete(ctx context.Context, id string) (existed bool, err error) {
	r, err := m.api.call(ctx, http.MethodDelete, m.appURL(id)+"?force=true", nil,
		http.StatusOK, http.StatusNoContent, http.StatusNotFound)
	if err != nil {
		return false, err
	}
	return r.code != http.StatusNotFound, nil
}

// appURL is the app's resource; app ids are paths (/demo, /group/app).
func (m *Marathon) appURL(id string) string {
	var parts []string
	for _, p := range strings.Split(strings.Trim(id, "/"), "/") {
		parts = append(parts, url.PathEscape(p))
	}
	return m.Base + "/v2/apps/" + strings.Join(parts, "/")
}
