// Package testenv decides whether a test that needs a real part of the host
// (root, a Docker engine, Vagrant, sshd) can run, and skips or fails it.
//
// A missing part makes the test skip with the reason printed, so
// `go test ./...` works on any laptop. With MESOSLAB_E2E=1, as CI sets it,
// the same absence fails the test instead: CI must prove a clean install.
package testenv

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"
)

// E2E reports whether end-to-end tests are required (MESOSLAB_E2E=1).
func E2E() bool { return os.Getenv("MESOSLAB_E2E") == "1" }

// Need skips t with reason when ok is false, or fails it under MESOSLAB_E2E=1.
func Need(t testing.TB, ok bool, reason string) {
	t.Helper()
	if ok {
		return
	}
	if E2E() {
		t.Fatalf("MESOSLAB_E2E=1 but %s", reason)
	}
	t.Skipf("skipped: %s (set MESOSLAB_E2E=1 to make this a failure)", reason)
}

// NeedRoot requires the test to run as root.
func NeedRoot(t testing.TB) {
	t.Helper()
	Need(t, os.Geteuid() == 0, "test needs root")
}

// NeedCommand requires an executable on PATH and returns its path.
func NeedCommand(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	Need(t, err == nil, name+" is not on PATH")
	return p
}

// NeedDocker requires a Docker engine that answers `docker info`.
func NeedDocker(t testing.TB) {
	t.Helper()
	NeedCommand(t, "docker")
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err := exec.CommandContext(ctx, "docker", "info").Run()
	Need(t, err == nil, "no Docker engine answers `docker info`")
}

// NeedImage requires a local Docker image, such as the container-lab node image.
func NeedImage(t testing.TB, image string) {
	t.Helper()
	NeedDocker(t)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err := exec.CommandContext(ctx, "docker", "image", "inspect", image).Run()
	Need(t, err == nil, "Docker image "+image+" is missing (build it with scripts/build-node-image.sh)")
}

// NeedShort skips t under `go test -short`; long tests are not failures there.
func NeedShort(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
}
