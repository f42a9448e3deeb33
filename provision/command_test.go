package provision_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

func TestShellWithFakeNode(t *testing.T) {
	spec := provision.ShellSpec{Name: "zookeeper myid", Check: "grep -qx 1 /var/lib/zookeeper/myid", Apply: "echo 1 > /var/lib/zookeeper/myid"}
	cases := []struct {
		name      string
		check     func(f *provisiontest.Fake)
		applyRC   int
		dryRun    bool
		want      provision.Outcome
		wantErr   string
		wantApply int
	}{
		{name: "check passes", check: func(f *provisiontest.Fake) { f.On(`^grep`) }, want: provision.Unchanged},
		{name: "check fails, apply fixes", check: func(f *provisiontest.Fake) { f.On(`^grep`).Times(1).Exit(1); f.On(`^grep`) },
			want: provision.Changed, wantApply: 1},
		{name: "dry run", check: func(f *provisiontest.Fake) { f.On(`^grep`).Exit(1) }, dryRun: true, want: provision.WouldChange},
		{name: "apply fails", check: func(f *provisiontest.Fake) { f.On(`^grep`).Exit(1) }, applyRC: 2,
			want: provision.Failed, wantApply: 1, wantErr: "exited with status 2"},
		{name: "check cannot run", check: func(f *provisiontest.Fake) { f.On(`^grep`).Fail(errors.New("connection reset by peer")) },
			want: provision.Failed, wantErr: "connection reset by peer"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			node := provisiontest.New("master1")
			tc.check(node)
			node.On(`^echo 1 >`).Exit(tc.applyRC).Stderr("bash: /var/lib/zookeeper/myid: No such file or directory\n")
			got, err := converge(t, node, provision.Shell(spec), tc.dryRun)
			if got != tc.want || (err != nil) != (tc.wantErr != "") || (err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("got %s, %v; want %s and an error saying %q", got, err, tc.want, tc.wantErr)
			}
			if n := node.Count(`^echo 1 >`); n != tc.wantApply {
				t.Fatalf("apply ran %d times, want %d", n, tc.wantApply)
			}
			for _, c := range node.Commands() {
				if !c.Sudo {
					t.Errorf("command without sudo: %s", c.Cmd)
				}
			}
		})
	}
}

func TestShellWithoutCheckIsAnError(t *testing.T) {
	node := provisiontest.New("master1")
	got, err := converge(t, node, provision.Shell(provision.ShellSpec{Name: "x", Apply: "true"}), false)
	if got != provision.Failed || err == nil || !strings.Contains(err.Error(), "no check command") || len(node.Commands()) != 0 {
		t.Fatalf("got %s, %v, %q", got, err, node.CommandLines())
	}
}
