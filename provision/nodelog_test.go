package provision

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/golden"
)

func TestNodeLogGolden(t *testing.T) {
	var buf bytes.Buffer
	l := &nodeLog{w: &buf}
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	l.record(at, 120*time.Millisecond, false, Command{Cmd: "systemctl is-active zookeeper"},
		Result{Stdout: []byte("active\n")}, nil)
	l.record(at, 2*time.Second, true, Command{Cmd: "set -e\ncat > /etc/mesos/zk", Stdin: []byte("zk://10.0.0.1:2181/mesos\n"), Sudo: true},
		Result{}, nil)
	l.record(at, 3*time.Second, true, Command{Cmd: "cat /etc/mesos/secret", Sudo: true, Secret: true},
		Result{Stdout: []byte("hunter2\n"), ExitCode: 0}, nil)
	l.record(at, time.Second, true, Command{Cmd: "apt-get install -y nope", Sudo: true},
		Result{Stdout: []byte("Reading package lists...\n"), Stderr: []byte("E: Unable to locate package nope\n"), ExitCode: 100},
		&CmdError{Host: "master1", Cmd: "apt-get install -y nope", ExitCode: 100})
	l.record(at, 5*time.Second, false, Command{Cmd: "sleep 600"}, Result{ExitCode: -1},
		&CmdError{Host: "master1", Cmd: "sleep 600", ExitCode: -1, Err: errors.New("timed out after 5s: context deadline exceeded")})

	for _, secret := range []string{"hunter2", "zk://10.0.0.1"} {
		if bytes.Contains(buf.Bytes(), []byte(secret)) {
			t.Errorf("the log shows %q, which it must never write", secret)
		}
	}
	golden.Check(t, filepath.Join("testdata", "nodelog.golden"), buf.Bytes())
}
