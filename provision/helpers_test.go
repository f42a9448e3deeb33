package provision_test

import (
	"context"
	"os/exec"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/provision"
)

func needBash(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not on PATH")
	}
}

// converge runs one step against r with a test deadline.
func converge(t *testing.T, r provision.Runner, s provision.Step, dryRun bool) (provision.Outcome, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return provision.Converge(ctx, r, s, dryRun)
}
