package stack

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Marathon is a client of one Marathon instance's REST API (/v2). Any
// instance will do: standbys proxy every call to the leader.
type Marathon struct {
	// Base is the instance's URL, http://ADDR:8080.
	Base string
	c    Client
}

// NewMarathon returns a client of the Marathon at base; a nil client means
// NewHTTPClient(nil), a zero timeout DefaultCallTimeout per call.
func NewMarathon(base string, c *http.Client, timeout time.Duration) *Marathon {
	return &Marathon{Base: strings.TrimRight(base, "/"), c: NewClient(c, timeout)}
}

// DeployResult says what a deploy did.
type DeployResult struct {
	// Updated is true when the app existed (409 on create) and was replaced.
	Updated      bool   `json:"updated"`
	DeploymentID string `json:"deployment_id,omitempty"`
}

// Leader returns the Marathon leader (host:port) this instance names; an
// instance that knows none answers 404 (or 502/503 through a standby).
func (m *Marathon) Leader(ctx context.Context) (string, error) {
	r, err := m.c.Call(ctx, http.MethodGet, m.Base+"/v2/leader", nil, http.StatusOK)
	if err != nil {
		return "", err
	}
	var v struct {
		Leader string `json:"leader"`
	}
	if err := r.Decode(&v); err != nil {
		return "", err
	}
	if v.Leader == "" {
		return "", fmt.Errorf("GET %s/v2/leader names no leader: %s", m.Base, Snippet(r.Body))
	}
	return v.Leader, nil
}

// Deploy creates the app; when it exists already (409) it replaces its
// definition, forcing past a deployment still running, so the demo can be
// run again or switched to Docker.
func (m *Marathon) Deploy(ctx context.Context, app App) (DeployResult, error) {
	r, err := m.c.Call(ctx, http.MethodPost, m.Base+"/v2/apps", app, http.StatusCreated, http.StatusOK, http.StatusConflict)
	if err != nil {
		return DeployResult{}, err
	}
	if r.Code != http.StatusConflict {
		return DeployResult{DeploymentID: deploymentID(r)}, nil
	}
	r, err = m.c.Call(ctx, http.MethodPut, m.appURL(app.ID)+"?force=true", app,
		http.StatusOK, http.StatusCreated, http.StatusNoContent)
	if err != nil {
		return DeployResult{}, fmt.Errorf("app %s exists; updating it: %w", app.ID, err)
	}
	return DeployResult{Updated: true, DeploymentID: deploymentID(r)}, nil
}

// deploymentID reads the deployment from the header Marathon 1.x sets, or
// from the body: {"deploymentId"} on update, {"deployments":[{id}]} on create.
func deploymentID(r Reply) string {
	if id := r.Header.Get("Marathon-Deployment-Id"); id != "" {
		return id
	}
	var v struct {
		DeploymentID string       `json:"deploymentId"`
		Deployments  []Deployment `json:"deployments"`
	}
	if r.Decode(&v) != nil {
		return ""
	}
	if v.DeploymentID == "" && len(v.Deployments) > 0 {
		return v.Deployments[0].ID
	}
	return v.DeploymentID
}

// App returns the app with its tasks; an unknown app wraps ErrNotFound.
func (m *Marathon) App(ctx context.Context, id string) (AppStatus, error) {
	r, err := m.c.Call(ctx, http.MethodGet, m.appURL(id)+"?embed=app.tasks", nil, http.StatusOK, http.StatusNotFound)
	if err != nil {
		return AppStatus{}, err
	}
	if r.Code == http.StatusNotFound {
		return AppStatus{}, fmt.Errorf("marathon app %s: %w", id, ErrNotFound)
	}
	var v struct {
		App AppStatus `json:"app"`
	}
	if err := r.Decode(&v); err != nil {
		return AppStatus{}, err
	}
	return v.App, nil
}

// Delete removes the app and reports whether it existed. Marathon answers
// 200 with a deployment (1.4 on) or 204 (earlier); both mean done.
func (m *Marathon) Delete(ctx context.Context, id string) (existed bool, err error) {
	r, err := m.c.Call(ctx, http.MethodDelete, m.appURL(id)+"?force=true", nil,
		http.StatusOK, http.StatusNoContent, http.StatusNotFound)
	if err != nil {
		return false, err
	}
	return r.Code != http.StatusNotFound, nil
}

// appURL is the app's resource; app ids are paths (/demo, /group/app).
func (m *Marathon) appURL(id string) string {
	var parts []string
	for _, p := range strings.Split(strings.Trim(id, "/"), "/") {
		parts = append(parts, url.PathEscape(p))
	}
	return m.Base + "/v2/apps/" + strings.Join(parts, "/")
}
