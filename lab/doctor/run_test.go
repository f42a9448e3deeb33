package doctor

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

func ids(rs []Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func TestRunPicksChecksByProvider(t *testing.T) {
	h := healthyLinux(t)
	got := ids(Run(context.Background(), h, haLab(), Options{}))
	want := []string{"ram", "cpu", "disk", "vagrant", "virtualbox", "virtualization", "host-network", "ports", "arch", "box"}
	if !slices.Equal(got, want) {
		t.Errorf("virtualbox lab ran %v, want %v", got, want)
	}
	lab := haLab()
	lab.Provider, lab.DockerImage = ProviderDocker, "mesoslab/node:1"
	got = ids(Run(context.Background(), h, lab, Options{}))
	want = []string{"ram", "cpu", "disk", "vagrant", "host-network", "ports", "docker", "node-image"}
	if !slices.Equal(got, want) {
		t.Errorf("docker lab ran %v, want %v", got, want)
	}
}

func TestRunHealthyHostPasses(t *testing.T) {
	rs := Run(context.Background(), healthyLinux(t), haLab(), Options{})
	for _, r := range rs {
		if r.Status != StatusOK {
			t.Errorf("%s: %s %s", r.ID, r.Status, r.Finding)
		}
	}
	if Failed(rs, true) {
		t.Error("Failed(strict) on a healthy host")
	}
}

func TestRunReportsAPanicAndKeepsTheOthers(t *testing.T) {
	h := healthyLinux(t)
	h.memHook = func() { panic("gopsutil: nil map") }
	rs := Run(context.Background(), h, haLab(), Options{})
	byID := map[string]Result{}
	for _, r := range rs {
		byID[r.ID] = r
	}
	expect(t, byID["ram"], StatusFail, []string{"the ram check crashed: gopsutil: nil map"}, []string{"mesoslab bug"})
	expect(t, byID["cpu"], StatusOK, nil, nil)
	if len(rs) != 10 {
		t.Errorf("got %d results, want all 10", len(rs))
	}
}

func TestRunReportsAHungCheckAndKeepsTheOthers(t *testing.T) {
	h := healthyLinux(t)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	h.memHook = func() { <-release } // ignores its context: a real hang
	rs := Run(context.Background(), h, haLab(), Options{Timeout: 200 * time.Millisecond})
	if len(rs) != 10 {
		t.Fatalf("got %d results, want 10", len(rs))
	}
	expect(t, rs[0], StatusFail, []string{"the ram check did not answer within 0.2 s"}, []string{"run the check again", "--timeout"})
	for _, r := range rs[1:] {
		if r.Status != StatusOK {
			t.Errorf("%s: %s %s, want ok", r.ID, r.Status, r.Finding)
		}
	}
}

func TestRunReportsAHungTool(t *testing.T) {
	h := healthyLinux(t)
	h.cmds["/usr/bin/VBoxManage --version"] = fakeCmd{hang: true}
	rs := Run(context.Background(), h, haLab(), Options{Only: []string{"virtualbox", "cpu"}, Timeout: 200 * time.Millisecond})
	if !slices.Equal(ids(rs), []string{"cpu", "virtualbox"}) {
		t.Fatalf("ran %v", ids(rs))
	}
	expect(t, rs[0], StatusOK, nil, nil)
	expect(t, rs[1], StatusFail, []string{"`VBoxManage --version` did not answer within 0.2 s"}, []string{"VBoxSVC", "--timeout"})
}

func TestRunUnknownID(t *testing.T) {
	rs := Run(context.Background(), healthyLinux(t), haLab(), Options{Only: []string{"ram", "vbox"}})
	if !slices.Equal(ids(rs), []string{"ram", "vbox"}) {
		t.Fatalf("ran %v", ids(rs))
	}
	expect(t, rs[1], StatusFail, []string{`no check is called "vbox"`}, []string{"--list-checks"})
}

// The VirtualBox version feeds five checks; VBoxManage runs once per run.
func TestRunSharesToolFacts(t *testing.T) {
	h := healthyLinux(t)
	Run(context.Background(), h, haLab(), Options{})
	if n := h.ran["/usr/bin/VBoxManage --version"]; n != 1 {
		t.Errorf("VBoxManage --version ran %d times, want 1", n)
	}
	if n := h.ran["/usr/bin/vagrant --version"]; n != 1 {
		t.Errorf("vagrant --version ran %d times, want 1", n)
	}
}

func TestFailed(t *testing.T) {
	okR, warnR, failR := Result{Status: StatusOK}, Result{Status: StatusWarn}, Result{Status: StatusFail}
	tests := []struct {
		rs     []Result
		strict bool
		want   bool
	}{
		{nil, false, false}, {[]Result{okR}, true, false}, {[]Result{okR, warnR}, false, false},
		{[]Result{okR, warnR}, true, true}, {[]Result{failR}, false, true}, {[]Result{warnR, failR}, true, true},
	}
	for _, tt := range tests {
		if got := Failed(tt.rs, tt.strict); got != tt.want {
			t.Errorf("Failed(%v, strict=%v) = %v", tt.rs, tt.strict, got)
		}
	}
}

func TestCatalog(t *testing.T) {
	want := []string{"ram", "cpu", "disk", "vagrant", "virtualbox", "virtualization", "host-network", "ports", "arch", "box", "docker", "node-image", "mesos-key", "cache"}
	cat := Catalog()
	var got []string
	for _, c := range cat {
		got = append(got, c.ID)
		if c.Description == "" || strings.Contains(c.Description, "\n") || len(c.Providers) == 0 {
			t.Errorf("%s: bad entry %+v", c.ID, c)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("catalog %v, want %v", got, want)
	}
}

func TestResultJSONShape(t *testing.T) {
	r := newResult("ram", finding{StatusFail, "f", "x"}, 1500*time.Microsecond)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"id":"ram","status":"fail","finding":"f","fix":"x","duration_ms":2}`
	if string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
	for d, ms := range map[time.Duration]int64{time.Nanosecond: 1, time.Millisecond: 1, 2*time.Millisecond + 1: 3, 0: 0} {
		if got := newResult("x", finding{}, d).DurationMS; got != ms {
			t.Errorf("%v -> %d ms, want %d", d, got, ms)
		}
	}
}
