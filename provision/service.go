package provision

import (
	"context"
	"fmt"
	"strings"
)

// ServiceSpec is the wanted state of one systemd unit.
type ServiceSpec struct {
	// Name is the unit, such as "zookeeper" or "mesos-master.service".
	Name string
	// Enabled and Running are wanted as given: false disables or stops.
	Enabled, Running bool
	// RestartOn lists steps, usually File steps, whose change on the same
	// node in the same run restarts a running service (after a
	// daemon-reload, in case a unit file changed).
	RestartOn []Step
}

// Service returns a step that keeps a systemd unit enabled or disabled and
// running or stopped, and restarts it when a watched step changed. Check
// reads `systemctl is-enabled` and `systemctl is-active` in one command.
func Service(spec ServiceSpec) Step { return &serviceStep{spec: spec} }

type serviceStep struct{ spec ServiceSpec }

var _ Reactor = (*serviceStep)(nil)

func (s *serviceStep) Name() string { return "service " + s.spec.Name }

// Watches returns the steps listed in RestartOn.
func (s *serviceStep) Watches() []Step { return s.spec.RestartOn }

// enabledStates are the is-enabled answers that mean "starts at boot"; a
// static or generated unit cannot be enabled further.
var enabledStates = map[string]bool{"enabled": true, "enabled-runtime": true, "static": true, "generated": true, "alias": true}

// unitState is what Check learns about the unit.
type unitState struct{ enabled, active string }

func (s *serviceStep) state(ctx context.Context, r Runner) (unitState, error) {
	u := Quote(s.spec.Name)
	// Both commands exit non-zero for a disabled or inactive unit; their
	// words are the answer, so the exit codes are ignored.
	cmd := "echo \"$(systemctl is-enabled " + u + " 2>/dev/null)\"; echo \"$(systemctl is-active " + u + " 2>/dev/null)\""
	res, err := r.Run(ctx, Command{Cmd: cmd})
	if err != nil {
		return unitState{}, err
	}
	lines := strings.Split(strings.TrimRight(string(res.Stdout), "\n"), "\n")
	if len(lines) != 2 {
		return unitState{}, fmt.Errorf("unexpected systemctl output %q", res.Stdout)
	}
	return unitState{enabled: strings.TrimSpace(lines[0]), active: strings.TrimSpace(lines[1])}, nil
}

func (s *serviceStep) Check(ctx context.Context, r Runner) (bool, error) {
	st, err := s.state(ctx, r)
	if err != nil {
		return false, err
	}
	return len(s.actions(st)) == 0, nil
}

// actions lists the systemctl verbs that bring the unit from st to the
// wanted state.
func (s *serviceStep) actions(st unitState) []string {
	var verbs []string
	isEnabled := enabledStates[st.enabled]
	switch {
	case s.spec.Enabled && !isEnabled:
		verbs = append(verbs, "enable")
	case !s.spec.Enabled && isEnabled && st.enabled != "static" && st.enabled != "generated":
		verbs = append(verbs, "disable")
	}
	isActive := st.active == "active"
	switch {
	case s.spec.Running && !isActive:
		verbs = append(verbs, "start")
	case !s.spec.Running && (isActive || st.active == "activating" || st.active == "reloading"):
		verbs = append(verbs, "stop")
	}
	return verbs
}

func (s *serviceStep) Apply(ctx context.Context, r Runner) error {
	st, err := s.state(ctx, r)
	if err != nil {
		return err
	}
	// daemon-reload first: the unit file may have been written by an
	// earlier step of this run.
	cmd := "systemctl daemon-reload"
	for _, verb := range s.actions(st) {
		cmd += " && systemctl " + verb + " " + Quote(s.spec.Name)
	}
	_, err = r.Run(ctx, Command{Cmd: cmd, Sudo: true})
	return err
}

// React restarts a running service after a watched step changed; a stopped
// service only needs systemd to reread its unit.
func (s *serviceStep) React(ctx context.Context, r Runner) error {
	cmd := "systemctl daemon-reload"
	if s.spec.Running {
		cmd += " && systemctl restart " + Quote(s.spec.Name)
	}
	_, err := r.Run(ctx, Command{Cmd: cmd, Sudo: true})
	return err
}

// TryRestart returns a step that restarts a unit when a watched step changed, and only if
// the unit is running: systemd-resolved rereads its drop-in that way, and a
// box without it is left alone. Its Check always passes: it has no state
// of its own.
func TryRestart(unit string, watches ...Step) Step {
	return &tryRestartStep{unit: unit, watches: watches}
}

type tryRestartStep struct {
	unit    string
	watches []Step
}

func (t *tryRestartStep) Name() string { return "restart " + t.unit + " if running" }

// Watches returns the steps whose change restarts the unit.
func (t *tryRestartStep) Watches() []Step { return t.watches }

func (t *tryRestartStep) Check(context.Context, Runner) (bool, error) { return true, nil }

func (t *tryRestartStep) Apply(context.Context, Runner) error { return nil }

// React restarts the unit if it runs.
func (t *tryRestartStep) React(ctx context.Context, r Runner) error {
	u := Quote(t.unit)
	// try-restart fails for a unit that is not installed at all.
	_, err := r.Run(ctx, Command{Cmd: "if systemctl is-active --quiet " + u + "; then systemctl restart " + u + "; fi", Sudo: true})
	return err
}
