package provision

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestCmdErrorMessage(t *testing.T) {
	var out strings.Builder
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&out, "line %d\n", i)
	}
	cases := []struct {
		name string
		err  *CmdError
		want []string
		not  []string
	}{
		{
			name: "exit code with output",
			err:  &CmdError{Host: "master1", Cmd: "apt-get install -y zookeeperd", ExitCode: 100, Stdout: []byte(out.String()), Stderr: []byte("E: Unable to locate package zookeeperd\n")},
			want: []string{"master1: command `apt-get install -y zookeeperd` exited with status 100", "stderr:\n    E: Unable to locate package zookeeperd", "line 21", "line 30"},
			not:  []string{"line 20\n"},
		},
		{
			name: "transport error",
			err:  &CmdError{Host: "agent2", Cmd: "set -e\nmkdir -p /etc/mesos\ncat > /etc/mesos/zk", ExitCode: -1, Err: ErrConnectionLost},
			want: []string{"agent2: command `set -e …` failed: ssh connection lost"},
			not:  []string{"stdout:", "stderr:", "mkdir"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msg := tc.err.Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message does not say %q:\n%s", w, msg)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(msg, n) {
					t.Errorf("message should not say %q:\n%s", n, msg)
				}
			}
		})
	}
	wrapped := fmt.Errorf("configure zookeeper: %w", &CmdError{Host: "m", Cmd: "x", ExitCode: -1, Err: io.EOF})
	if !errors.Is(wrapped, io.EOF) {
		t.Fatal("CmdError does not unwrap its cause")
	}
}

func TestShortCmd(t *testing.T) {
	for in, want := range map[string]string{
		"true":                   "`true`",
		"  echo hi\n":            "`echo hi`",
		"a\nb":                   "`a …`",
		strings.Repeat("x", 130): "`" + strings.Repeat("x", 120) + " …`",
	} {
		if got := ShortCmd(in); got != want {
			t.Errorf("ShortCmd(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLastLines(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"", 3, ""},
		{"a\nb\nc\nd\n\n", 2, "c\nd"},
		{"one", 5, "one"},
		{"a\nb", 0, ""},
	} {
		if got := LastLines([]byte(tc.in), tc.n); got != tc.want {
			t.Errorf("LastLines(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
