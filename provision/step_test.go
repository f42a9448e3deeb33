package provision

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// scripted is a step whose checks answer from a list, counting applies and
// reactions; it needs no runner.
type scripted struct {
	checks   []bool
	applyErr error
	reactErr error
	watches  []Step
	applied  int
	reacted  int
}

func (s *scripted) Name() string { return "scripted" }

func (s *scripted) Check(context.Context, Runner) (bool, error) {
	ok := s.checks[0]
	if len(s.checks) > 1 {
		s.checks = s.checks[1:]
	}
	return ok, nil
}

func (s *scripted) Apply(context.Context, Runner) error { s.applied++; return s.applyErr }

// reacting is a scripted step that is also a Reactor.
type reacting struct{ *scripted }

func (r reacting) Watches() []Step                     { return r.watches }
func (r reacting) React(context.Context, Runner) error { r.reacted++; return r.reactErr }

func TestConverge(t *testing.T) {
	boom := errors.New("boom")
	cases := []struct {
		name      string
		step      *scripted
		reactor   bool
		dryRun    bool
		triggered bool
		want      Outcome
		wantErr   error
		applied   int
		reacted   int
	}{
		{name: "ok", step: &scripted{checks: []bool{true}}, want: Unchanged},
		{name: "applied", step: &scripted{checks: []bool{false, true}}, want: Changed, applied: 1},
		{name: "dry run", step: &scripted{checks: []bool{false}}, dryRun: true, want: WouldChange},
		{name: "apply error", step: &scripted{checks: []bool{false}, applyErr: boom}, want: Failed, wantErr: boom, applied: 1},
		{name: "no convergence", step: &scripted{checks: []bool{false, false}}, want: Failed, wantErr: ErrNotConverged, applied: 1},
		{name: "reactor, nothing watched changed", step: &scripted{checks: []bool{true}}, reactor: true, want: Unchanged},
		{name: "reactor triggered", step: &scripted{checks: []bool{true}}, reactor: true, triggered: true, want: Changed, reacted: 1},
		{name: "reactor triggered, dry run", step: &scripted{checks: []bool{true}}, reactor: true, triggered: true, dryRun: true, want: WouldChange},
		{name: "reactor applied, no extra reaction", step: &scripted{checks: []bool{false, true}}, reactor: true, triggered: true, want: Changed, applied: 1},
		{name: "reaction fails", step: &scripted{checks: []bool{true}, reactErr: boom}, reactor: true, triggered: true, want: Failed, wantErr: boom, reacted: 1},
		{name: "not a reactor, triggered", step: &scripted{checks: []bool{true}}, triggered: true, want: Unchanged},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var s Step = tc.step
			if tc.reactor {
				s = reacting{tc.step}
			}
			got, err := converge(context.Background(), nil, s, tc.dryRun, tc.triggered)
			if got != tc.want || !errors.Is(err, tc.wantErr) || tc.step.applied != tc.applied || tc.step.reacted != tc.reacted {
				t.Fatalf("got %s, %v, %d applies, %d reactions", got, err, tc.step.applied, tc.step.reacted)
			}
		})
	}
}

func TestConvergeStopsOnCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := &scripted{checks: []bool{false}}
	if got, err := Converge(ctx, nil, s, false); got != Failed || !errors.Is(err, context.Canceled) || s.applied != 0 {
		t.Fatalf("got %s, %v", got, err)
	}
}

// valueStep cannot be compared with ==; the change tracker must not panic.
type valueStep struct{ names []string }

func (valueStep) Name() string                                { return "value" }
func (valueStep) Check(context.Context, Runner) (bool, error) { return true, nil }
func (valueStep) Apply(context.Context, Runner) error         { return nil }

func TestNodeChangesTriggers(t *testing.T) {
	file, other := &scripted{}, &scripted{}
	svc := reacting{&scripted{watches: []Step{file, valueStep{}}}}
	var ch nodeChanges
	ch.record(valueStep{names: []string{"x"}}, Changed)
	ch.record(other, Changed)
	ch.record(file, Unchanged)
	if ch.triggers(svc) {
		t.Fatal("triggered without a change of a watched step")
	}
	if ch.triggers(file) {
		t.Fatal("a step that is no Reactor was triggered")
	}
	ch.record(file, WouldChange)
	if !ch.triggers(svc) {
		t.Fatal("not triggered after a watched step changed")
	}
	if !strings.Contains(watchedNames(svc), "scripted") {
		t.Fatalf("watched names %q", watchedNames(svc))
	}
}
