package workshop

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// Agent IDs of the workload fixtures: mesos-execute names the agent a task
// went to by ID (testdata/workload/execute-*.txt).
const (
	agent1ID = "3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-S0"
	agent2ID = "3f1c2b7e-8a41-4d0e-9c55-6e2d1f0a7b90-S1"
)

// workloadLab is the world of the workload tests. Nothing of Mesos runs:
// every node is a scripted provisiontest.Fake (master1, the leader, answers
// mesos-execute with the output in testdata/workload; agents answer
// journalctl), and Chronos is a fake served by httptest-style loopback
// servers in the shape of Chronos 3.0.2's API (stacktest/testdata/chronos/
// jobs-workload-*.json and their .source.txt).
type workloadLab struct {
	t      *testing.T
	http   *fakeHTTP
	clock  *fakeClock
	shells map[string]*provisiontest.Fake
	target health.Target

	mu sync.Mutex
	// jobs is the payload of GET /v1/scheduler/jobs; afterStart replaces
	// it once the job was started and polled polls times.
	jobs, afterStart string
	polls, started   int
	posted, deleted  int
}

func newWorkloadLab(t *testing.T) *workloadLab {
	t.Helper()
	l := &workloadLab{t: t, http: newFakeHTTP(t, testMasters), clock: newFakeClock(), shells: map[string]*provisiontest.Fake{},
		jobs: "chronos/jobs-empty.json", afterStart: "chronos/jobs-workload-success.json"}
	l.target = testTarget(l.http.Port)
	for _, n := range append(append([]health.Node(nil), testMasters...), testAgents...) {
		l.shells[n.Name] = provisiontest.New(n.Name)
	}
	l.serveChronos()
	return l
}

// Runner is the fake NodeShell.
func (l *workloadLab) Runner(ctx context.Context, node string) (provision.Runner, error) {
	sh, ok := l.shells[node]
	if !ok {
		return nil, fmt.Errorf("no node %s", node)
	}
	return sh, nil
}

// execute scripts mesos-execute on master1 for the task: its stdout (a
// testdata/workload file) and exit status.
func (l *workloadLab) execute(task, stdoutFile string, exit int) {
	l.shells["master1"].On(`^timeout .* mesos-execute .*--name=` + task + `'`).Stdout(string(testdata(l.t, stdoutFile))).Exit(exit)
}

// journal scripts an agent's journalctl answer.
func (l *workloadLab) journal(node, file string) {
	l.shells[node].On(`^journalctl -u mesos-agent -n 30 --no-pager$`).Stdout(string(testdata(l.t, file)))
}

// serveChronos serves the routes of Chronos 3.0.2 the workload uses; see
// stacktest/testdata/chronos/jobs-workload-new.json.source.txt for each.
func (l *workloadLab) serveChronos() {
	job := "/v1/scheduler/job/" + WorkloadJobName
	l.http.handle("GET /v1/scheduler/jobs", func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		if l.started > 0 {
			if l.polls++; l.polls > 1 && l.afterStart != "" {
				l.jobs = l.afterStart
			}
		}
		file := l.jobs
		l.mu.Unlock()
		stacktest.ServeJSON(200, testdata(l.t, file))(w, r)
	}, testMasters...)
	l.http.handle("POST /v1/scheduler/iso8601", func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.posted++
		l.jobs = "chronos/jobs-workload-new.json"
		l.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}, testMasters...)
	l.http.handle("PUT "+job, func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.started++
		l.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}, testMasters...)
	l.http.handle("DELETE "+job, func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.deleted++
		l.jobs = "chronos/jobs-empty.json"
		l.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}, testMasters...)
}

// workload aims a Workload at the lab: master1 leads, agent1 and agent2
// are registered under the fixtures' IDs.
func (l *workloadLab) workload() *Workload {
	return &Workload{
		Target: l.target, Shell: l, Leader: testMasters[0], Image: DefaultDemoImage, Clock: l.clock,
		Agents: []health.MesosAgent{{ID: agent1ID, Node: "agent1", Active: true}, {ID: agent2ID, Node: "agent2", Active: true}},
	}
}

func (l *workloadLab) counts() (posted, started, deleted int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.posted, l.started, l.deleted
}

// runByID returns a run of the report or fails the test.
func runByID(t *testing.T, rep WorkloadReport, id string) WorkloadRun {
	t.Helper()
	for _, r := range rep.Runs {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no run %s in %+v", id, rep.Runs)
	return WorkloadRun{}
}
