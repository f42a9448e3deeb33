package vagranttest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/vagrant"
)

// The fake keeps the lifecycle a real Vagrant has: up makes a machine
// running, halt stopped, destroy not created; status reports them all, by
// name, and every call is recorded in order.
func TestDriverLifecycleAndCalls(t *testing.T) {
	ctx := context.Background()
	d := New(map[string]string{"master1": "poweroff"})
	var events []vagrant.Event
	if err := d.Up(ctx, "agent1", "docker", func(e vagrant.Event) { events = append(events, e) }); err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || events[0].Kind != vagrant.KindRaw || events[1].Kind != vagrant.KindUI {
		t.Errorf("up events = %+v, want a raw line then its ui event", events)
	}
	if err := d.Halt(ctx, "agent1"); err != nil {
		t.Fatal(err)
	}
	if err := d.Destroy(ctx, "master1"); err != nil {
		t.Fatal(err)
	}
	list, err := d.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range list {
		got = append(got, m.Name+"="+m.State)
	}
	if strings.Join(got, ",") != "agent1=stopped,master1=not_created" {
		t.Errorf("status = %v", got)
	}
	if list[0].Running() || list[1].Created() {
		t.Errorf("a stopped machine is not running and a destroyed one does not exist: %+v", list)
	}
	if calls := strings.Join(d.Calls(), ","); calls != "up agent1,halt agent1,destroy master1,status" {
		t.Errorf("calls = %s", calls)
	}
	if d.MaxConcurrentUps() != 1 {
		t.Errorf("MaxConcurrentUps = %d, want 1", d.MaxConcurrentUps())
	}
}

// Injected failures look like Vagrant's: a *vagrant.Error naming the node,
// with the message; the machine keeps its state. Clearing them restores
// the normal answers.
func TestDriverInjectedFailures(t *testing.T) {
	ctx := context.Background()
	d := New(nil)
	d.FailUp("master1", errors.New("The box 'bento/debian-12' could not be found"))
	err := d.Up(ctx, "master1", "virtualbox", nil)
	var ve *vagrant.Error
	if !errors.As(err, &ve) || ve.Node != "master1" || ve.ExitCode != 1 || !strings.Contains(ve.Message, "could not be found") {
		t.Fatalf("up error = %#v", err)
	}
	if d.State("master1") != "" {
		t.Errorf("a failed up left master1 %q", d.State("master1"))
	}
	d.FailUp("master1", nil)
	if err := d.Up(ctx, "master1", "virtualbox", nil); err != nil || d.State("master1") != Running {
		t.Errorf("after clearing the failure: %v, state %q", err, d.State("master1"))
	}
	noVagrant := errors.New("vagrant: executable file not found in $PATH")
	d.FailStatus(noVagrant)
	if _, err := d.Status(ctx); !errors.Is(err, noVagrant) {
		t.Errorf("status error = %v", err)
	}
	d.FailStatus(nil)
	if _, err := d.Status(ctx); err != nil {
		t.Errorf("status after clearing: %v", err)
	}
}

// An up cancelled while it runs fails with the context's error and leaves
// the machine as it was.
func TestDriverUpCancelled(t *testing.T) {
	d := New(nil)
	d.UpDelay = time.Hour
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	err := d.Up(ctx, "agent1", "docker", nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("cancelled up = %v", err)
	}
	if d.State("agent1") != "" {
		t.Errorf("cancelled up left agent1 %q", d.State("agent1"))
	}
}
