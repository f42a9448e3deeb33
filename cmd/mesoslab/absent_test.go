package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCancelled is run with a context cancelled before the command starts:
// a command that wrongly went on to probe the lab's 192.168.x addresses
// could not send a packet (Go's dialer gives up before connecting), and
// would say "interrupted" rather than the message the test expects.
func runCancelled(t *testing.T, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	s := streams{In: strings.NewReader(""), Out: &out, Err: &errOut,
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := newApp(s).RunContext(ctx, append([]string{"mesoslab"}, args...))
	code := exitCode(err, &errOut)
	return out.String(), errOut.String(), code
}

// TestCommandsOnALabNeverCreated: every command that acts on a built lab
// says it does not exist, and none leaves a folder, a lock file or any
// other trace behind.
func TestCommandsOnALabNeverCreated(t *testing.T) {
	const absent = "mesoslab: lab \"default\" does not exist: run `mesoslab up` to build it\n"
	tests := []struct {
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{[]string{"status"}, exitFailure, "", absent},
		{[]string{"verify"}, exitFailure, "", absent},
		{[]string{"verify", "-o", "json"}, exitFailure, "", absent},
		{[]string{"demo"}, exitFailure, "", absent},
		{[]string{"demo", "remove"}, exitFailure, "", absent},
		{[]string{"ui", "--print"}, exitFailure, "", absent},
		{[]string{"failover", "mesos"}, exitFailure, "", absent},
		{[]string{"provision"}, exitFailure, "", absent},
		{[]string{"ssh", "master1"}, exitFailure, "", absent},
		{[]string{"halt"}, exitOK, "lab \"default\" does not exist; nothing to halt\n", ""},
		{[]string{"destroy", "--force"}, exitOK, "lab \"default\" does not exist; nothing to destroy\n", ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			home := t.TempDir()
			out, stderr, code := runCancelled(t, map[string]string{"MESOSLAB_HOME": home}, tt.args...)
			if code != tt.wantCode || out != tt.wantOut || stderr != tt.wantErr {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q, %q", code, out, stderr, tt.wantCode, tt.wantOut, tt.wantErr)
			}
			if left := snapshot(t, home); left != "" {
				t.Errorf("left files behind:\n%s", left)
			}
			if _, err := os.Stat(filepath.Join(home, "labs")); err == nil {
				t.Errorf("created %s", filepath.Join(home, "labs"))
			}
		})
	}
}

// TestUpWithoutVagrantThenDestroy: `up --force` on a host without Vagrant
// fails saying nothing was changed, and it is true: no folder, no lock
// file. The commands after it say the lab does not exist, destroy --force
// succeeds, and a changed topology is not refused as drift.
func TestUpWithoutVagrantThenDestroy(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no vagrant, VBoxManage or docker to find
	home := t.TempDir()
	env := map[string]string{"MESOSLAB_HOME": home}
	for _, args := range [][]string{{"up", "--force", "--provider", "docker"}, {"up", "--force", "--provider", "docker", "--agents", "1"}} {
		_, stderr, code := run(t, env, args...)
		if code != exitFailure || !strings.Contains(stderr, "nothing was changed") || strings.Contains(stderr, "was built differently") {
			t.Fatalf("%v: exit %d, stderr:\n%s", args, code, stderr)
		}
		if left := snapshot(t, home); left != "" {
			t.Fatalf("%v left files behind:\n%s", args, left)
		}
		if _, err := os.Stat(filepath.Join(home, "labs")); err == nil {
			t.Fatalf("%v left the folder %s", args, filepath.Join(home, "labs"))
		}
	}
	for _, args := range [][]string{{"status"}, {"provision"}, {"ssh", "master1"}} {
		if _, stderr, code := runCancelled(t, env, args...); code != exitFailure || !strings.Contains(stderr, "does not exist: run `mesoslab up`") {
			t.Errorf("%v after the failed up: exit %d, %s", args, code, stderr)
		}
	}
	for _, args := range [][]string{{"halt"}, {"destroy", "--force"}} {
		if _, stderr, code := runCancelled(t, env, args...); code != exitOK {
			t.Errorf("%v after the failed up: exit %d, %s", args, code, stderr)
		}
	}
	if left := snapshot(t, home); left != "" {
		t.Errorf("files left after destroy:\n%s", left)
	}
}
