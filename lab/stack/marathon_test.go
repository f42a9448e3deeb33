package stack_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// The Marathon client against an httptest server on loopback serving the
// documented /v2 payloads of stacktest/testdata/marathon.

func newMarathonServer(t *testing.T, mux *http.ServeMux) *stack.Marathon {
	t.Helper()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return stack.NewMarathon(srv.URL, srv.Client(), 0)
}

// demoApp is the demo's app as package workshop deploys it.
var demoApp = stack.App{
	ID: "/demo", Cmd: "hostname; while :; do date; sleep 1; done", CPUs: 0.1, Mem: 32, Instances: 3,
	Constraints:     [][]string{{"hostname", "UNIQUE"}},
	PortDefinitions: []stack.PortDefinition{{Port: 0, Protocol: "tcp", Name: "demo"}},
}

func TestMarathonDeployOnHTTPTestServer(t *testing.T) {
	tests := []struct {
		name        string
		post, put   func(t *testing.T) http.HandlerFunc
		wantUpdated bool
		wantDeploy  string
		wantErr     string
		wantReqs    []string
	}{
		{
			name: "created: 201 with the deployment in the header",
			post: func(t *testing.T) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Marathon-Deployment-Id", "hdr-deploy")
					stacktest.ServeJSON(http.StatusCreated, stacktest.Payload(t, "marathon/app-created-201.json"))(w, r)
				}
			},
			wantDeploy: "hdr-deploy",
			wantReqs:   []string{"POST /v2/apps"},
		},
		{
			name: "created: 201 with the deployment only in the body (1.1)",
			post: func(t *testing.T) http.HandlerFunc {
				return stacktest.ServeJSON(http.StatusCreated, stacktest.Payload(t, "marathon/app-created-201.json"))
			},
			wantDeploy: "5f0a6a4e-7b1c-4d0e-9a3f-0c1d2e3f4a5b",
			wantReqs:   []string{"POST /v2/apps"},
		},
		{
			name: "409: the app exists and is replaced with force",
			post: func(t *testing.T) http.HandlerFunc {
				return stacktest.ServeJSON(http.StatusConflict, stacktest.Payload(t, "marathon/app-exists-409.json"))
			},
			put: func(t *testing.T) http.HandlerFunc {
				return stacktest.ServeJSON(http.StatusOK, stacktest.Payload(t, "marathon/deployment-result-200.json"))
			},
			wantUpdated: true,
			wantDeploy:  "9e2c1f60-3b4a-4c5d-8e6f-7a8b9c0d1e2f",
			wantReqs:    []string{"POST /v2/apps", "PUT /v2/apps/demo?force=true"},
		},
		{
			name: "409 then 204 from an old Marathon",
			post: func(t *testing.T) http.HandlerFunc {
				return stacktest.ServeJSON(http.StatusConflict, stacktest.Payload(t, "marathon/app-exists-409.json"))
			},
			put:         func(t *testing.T) http.HandlerFunc { return stacktest.ServeJSON(http.StatusNoContent, nil) },
			wantUpdated: true,
			wantReqs:    []string{"POST /v2/apps", "PUT /v2/apps/demo?force=true"},
		},
		{
			name: "409 then the update is refused",
			post: func(t *testing.T) http.HandlerFunc {
				return stacktest.ServeJSON(http.StatusConflict, stacktest.Payload(t, "marathon/app-exists-409.json"))
			},
			put: func(t *testing.T) http.HandlerFunc {
				return stacktest.ServeJSON(http.StatusConflict, stacktest.Payload(t, "marathon/app-locked-409.json"))
			},
			wantErr:  "app /demo exists; updating it: PUT",
			wantReqs: []string{"POST /v2/apps", "PUT /v2/apps/demo?force=true"},
		},
		{
			name: "422: the definition is invalid",
			post: func(t *testing.T) http.HandlerFunc {
				return stacktest.ServeJSON(http.StatusUnprocessableEntity, stacktest.Payload(t, "marathon/invalid-422.json"))
			},
			wantErr:  "HTTP 422: {\"message\":\"Object is not valid\"",
			wantReqs: []string{"POST /v2/apps"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &stacktest.Recorder{}
			mux := http.NewServeMux()
			mux.HandleFunc("POST /v2/apps", rec.Wrap(tt.post(t)))
			if tt.put != nil {
				mux.HandleFunc("PUT /v2/apps/demo", rec.Wrap(tt.put(t)))
			}
			m := newMarathonServer(t, mux)
			res, err := m.Deploy(context.Background(), demoApp)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if res.Updated != tt.wantUpdated || res.DeploymentID != tt.wantDeploy {
				t.Errorf("result = %+v, want updated %v deployment %q", res, tt.wantUpdated, tt.wantDeploy)
			}
			if strings.Join(rec.Reqs, "|") != strings.Join(tt.wantReqs, "|") {
				t.Errorf("requests = %q, want %q", rec.Reqs, tt.wantReqs)
			}
			// POST and PUT carry the same definition.
			for _, b := range rec.Body {
				var app stack.App
				if err := json.Unmarshal([]byte(b), &app); err != nil {
					t.Fatalf("body %q: %v", b, err)
				}
				if app.ID != "/demo" || app.Instances != 3 || app.Cmd != demoApp.Cmd {
					t.Errorf("body = %s", b)
				}
			}
		})
	}
}

func TestMarathonAppOnHTTPTestServer(t *testing.T) {
	tests := []struct {
		file        string
		code        int
		wantRunning int
		wantReady   bool
		wantErr     error
		wantHosts   string
	}{
		{"marathon/app-demo-staged.json", 200, 0, false, nil, ""},
		{"marathon/app-demo-partial.json", 200, 2, false, nil, "agent1 agent2"},
		{"marathon/app-demo-running.json", 200, 3, true, nil, "agent1 agent2 agent3"},
		{"marathon/app-demo-failing.json", 200, 2, false, nil, "agent1 agent2"},
		// stack.Marathon 1.1 has no task state: startedAt says a task runs.
		{"marathon/app-demo-1.1-partial.json", 200, 2, false, nil, "127.0.0.21 127.0.0.22"},
		{"marathon/app-not-found-404.json", 404, 0, false, stack.ErrNotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			mux := http.NewServeMux()
			var query string
			mux.HandleFunc("GET /v2/apps/demo", func(w http.ResponseWriter, r *http.Request) {
				query = r.URL.RawQuery
				stacktest.ServeJSON(tt.code, stacktest.Payload(t, tt.file))(w, r)
			})
			m := newMarathonServer(t, mux)
			app, err := m.App(context.Background(), "/demo")
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if query != "embed=app.tasks" {
				t.Errorf("query = %q, want embed=app.tasks", query)
			}
			var hosts []string
			for _, task := range app.RunningTasks() {
				hosts = append(hosts, task.Host)
			}
			if len(app.RunningTasks()) != tt.wantRunning || app.Ready() != tt.wantReady || strings.Join(hosts, " ") != tt.wantHosts {
				t.Errorf("running %d ready %v hosts %q, want %d %v %q", len(app.RunningTasks()), app.Ready(), hosts, tt.wantRunning, tt.wantReady, tt.wantHosts)
			}
		})
	}
}

func TestMarathonDeleteAcceptsOKAndNoContent(t *testing.T) {
	tests := []struct {
		code        int
		body        string
		wantExisted bool
		wantErr     bool
	}{
		{200, "marathon/deployment-result-200.json", true, false},
		{204, "", true, false},
		{404, "marathon/app-not-found-404.json", false, false},
		{503, "", false, true},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.code), func(t *testing.T) {
			var body []byte
			if tt.body != "" {
				body = stacktest.Payload(t, tt.body)
			}
			rec := &stacktest.Recorder{}
			mux := http.NewServeMux()
			mux.HandleFunc("DELETE /v2/apps/demo", rec.Wrap(stacktest.ServeJSON(tt.code, body)))
			m := newMarathonServer(t, mux)
			existed, err := m.Delete(context.Background(), demoApp.ID)
			if (err != nil) != tt.wantErr || existed != tt.wantExisted {
				t.Errorf("Delete = %v, %v; want existed %v, error %v", existed, err, tt.wantExisted, tt.wantErr)
			}
			if len(rec.Reqs) != 1 || rec.Reqs[0] != "DELETE /v2/apps/demo?force=true" {
				t.Errorf("requests = %q", rec.Reqs)
			}
		})
	}
}

func TestMarathonLeader(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v2/leader", stacktest.ServeJSON(200, stacktest.Payload(t, "marathon/leader.json")))
	m := newMarathonServer(t, mux)
	if l, err := m.Leader(context.Background()); err != nil || l != "master1:8080" {
		t.Errorf("Leader = %q, %v", l, err)
	}

	mux = http.NewServeMux()
	mux.HandleFunc("GET /v2/leader", stacktest.ServeJSON(404, stacktest.Payload(t, "marathon/no-leader-404.json")))
	m = newMarathonServer(t, mux)
	_, err := m.Leader(context.Background())
	var se *stack.StatusError
	if !errors.As(err, &se) || se.Code != 404 || !strings.Contains(err.Error(), "There is no leader") {
		t.Errorf("err = %v, want a 404 stack.StatusError naming no leader", err)
	}
}

func TestMarathonAppURLEscapesGroups(t *testing.T) {
	m := stack.NewMarathon("http://127.0.0.1:8080/", nil, 0)
	if got := stack.AppURL(m, "/group/my app"); got != "http://127.0.0.1:8080/v2/apps/group/my%20app" {
		t.Errorf("appURL = %q", got)
	}
}
