package workshop

import (
	"net/http"
	"sync"
	"testing"

	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/lab/stack/stacktest"
)

// fakeLab is a whole lab for the demo: Marathon and Chronos on every
// master, an agent API on every agent, all on one port, and a Mesos-DNS on
// every master. Marathon's app walks through a script of payloads, one per
// GET, so a test decides how fast the tasks come up.
type fakeLab struct {
	t      *testing.T
	http   *fakeHTTP
	dns    *fakeDNS
	files  *stacktest.Files
	clock  *fakeClock
	target health.Target

	mu        sync.Mutex
	appExists bool
	appScript []string // payload files of GET /v2/apps/demo, the last repeats
	appGets   int
	goneAfter int // GETs after a DELETE that still list the app
	jobExists bool
	posted    []string // bodies of POST /v2/apps and PUT /v2/apps/demo
}

func newFakeLab(t *testing.T) *fakeLab {
	t.Helper()
	l := &fakeLab{t: t, http: newFakeHTTP(t, testMasters, testAgents), files: stacktest.NewFiles(), clock: newFakeClock()}
	l.dns = newFakeDNS(t, []string{"127.0.0.11", "127.0.0.12", "127.0.0.13"})
	l.target = testTarget(l.http.Port)
	l.target.Ports.DNS = l.dns.port
	l.appScript = []string{"marathon/app-demo-running.json"}
	l.serveMarathon()
	l.serveChronos("/v1/scheduler")
	l.http.handle("GET /state", stacktest.ServeJSON(200, testdata(t, "mesos/agent1-state.json")), testAgents[0])
	l.http.handle("GET /state", stacktest.ServeJSON(200, testdata(t, "mesos/agent2-docker-state.json")), testAgents[1])
	l.http.handle("GET /files/read", l.files.ServeHTTP, testAgents...)
	return l
}

func (l *fakeLab) serveMarathon() {
	t := l.t
	rec := &stacktest.Recorder{}
	l.http.handle("GET /v2/leader", stacktest.ServeJSON(200, testdata(t, "marathon/leader.json")), testMasters...)
	l.http.handle("POST /v2/apps", rec.Wrap(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.posted = append(l.posted, rec.Body[len(rec.Body)-1])
		exists := l.appExists
		l.appExists, l.appGets = true, 0
		l.mu.Unlock()
		if exists {
			stacktest.ServeJSON(409, testdata(t, "marathon/app-exists-409.json"))(w, r)
			return
		}
		stacktest.ServeJSON(201, testdata(t, "marathon/app-created-201.json"))(w, r)
	}), testMasters...)
	l.http.handle("PUT /v2/apps/demo", rec.Wrap(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.posted = append(l.posted, rec.Body[len(rec.Body)-1])
		l.mu.Unlock()
		stacktest.ServeJSON(200, testdata(t, "marathon/deployment-result-200.json"))(w, r)
	}), testMasters...)
	l.http.handle("GET /v2/apps/demo", func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		exists, i := l.appExists, min(l.appGets, len(l.appScript)-1)
		if l.goneAfter > 0 {
			if l.goneAfter--; l.goneAfter == 0 {
				l.appExists = false
			}
		}
		l.appGets++
		l.mu.Unlock()
		if !exists {
			stacktest.ServeJSON(404, testdata(t, "marathon/app-not-found-404.json"))(w, r)
			return
		}
		stacktest.ServeJSON(200, testdata(t, l.appScript[i]))(w, r)
	}, testMasters...)
	l.http.handle("DELETE /v2/apps/demo", func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		exists := l.appExists
		if exists {
			l.goneAfter = 2
		}
		l.mu.Unlock()
		if !exists {
			stacktest.ServeJSON(404, testdata(t, "marathon/app-not-found-404.json"))(w, r)
			return
		}
		stacktest.ServeJSON(200, testdata(t, "marathon/deployment-result-200.json"))(w, r)
	}, testMasters...)
}

func (l *fakeLab) serveChronos(prefix string) {
	t := l.t
	l.http.handle("GET "+prefix+"/jobs", func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		exists := l.jobExists
		l.mu.Unlock()
		if exists {
			stacktest.ServeJSON(200, testdata(t, "chronos/jobs-demo.json"))(w, r)
			return
		}
		stacktest.ServeJSON(200, testdata(t, "chronos/jobs-empty.json"))(w, r)
	}, testMasters...)
	l.http.handle("POST "+prefix+"/iso8601", func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.jobExists = true
		l.mu.Unlock()
		w.WriteHeader(204)
	}, testMasters...)
	l.http.handle("DELETE "+prefix+"/job/demo", func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.jobExists = false
		l.mu.Unlock()
		w.WriteHeader(204)
	}, testMasters...)
}

// publishDNS makes every master's Mesos-DNS answer for the demo app, as
// it does after its next refresh.
func (l *fakeLab) publishDNS() {
	for _, m := range testMasters {
		l.dns.set(m.Addr, "demo.marathon.mesos.", []string{"127.0.0.21", "127.0.0.22", "127.0.0.23"},
			"_demo._tcp.marathon.mesos.", []SRVRecord{
				{Target: "demo-a9f3x-s0.marathon.mesos.", Port: 31005, Weight: 1},
				{Target: "demo-k2c8h-s1.marathon.mesos.", Port: 31012, Weight: 1},
				{Target: "demo-q7d1m-s2.marathon.mesos.", Port: 31019, Weight: 1},
			})
	}
}

// demo returns a Demo of this lab on the fake clock, collecting events.
func (l *fakeLab) demo(events *[]Event) *Demo {
	return &Demo{Target: l.target, Clock: l.clock, OnEvent: func(e Event) { *events = append(*events, e) }}
}
