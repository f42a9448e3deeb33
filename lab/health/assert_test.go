package health

import (
	"fmt"
	"strings"
	"testing"
)

// mustCheck returns the check with id or fails the test.
func mustCheck(t *testing.T, rep Report, id string) Check {
	t.Helper()
	c, found := rep.Check(id)
	if !found {
		t.Fatalf("no check %q in report; have %v", id, checkIDs(rep))
	}
	return c
}

func checkIDs(rep Report) []string {
	var ids []string
	for _, c := range rep.Checks {
		ids = append(ids, c.ID)
	}
	return ids
}

// wantCheck asserts a check's status and that its finding mentions every
// given fragment.
func wantCheck(t *testing.T, rep Report, id string, status Status, fragments ...string) Check {
	t.Helper()
	c := mustCheck(t, rep, id)
	if c.Status != status {
		t.Errorf("%s: status %s, want %s (finding %q)", id, c.Status, status, c.Finding)
	}
	for _, frag := range fragments {
		if !strings.Contains(c.Finding, frag) {
			t.Errorf("%s: finding %q lacks %q", id, c.Finding, frag)
		}
	}
	if status != StatusOK && c.Fix == "" {
		t.Errorf("%s: %s without a fix", id, status)
	}
	return c
}

// dumpChecks lists a report one check a line, for failure messages.
func dumpChecks(rep Report) string {
	var b strings.Builder
	for _, c := range rep.Checks {
		fmt.Fprintf(&b, "  %-20s %-4s %s\n", c.ID, c.Status, c.Finding)
	}
	return b.String()
}

func leaderOf(rep Report) string {
	for _, m := range rep.ZooKeeper {
		if m.Mode == "leader" {
			return m.Node.Name
		}
	}
	return ""
}
