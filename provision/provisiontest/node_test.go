package provisiontest_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// recorder is a testing.TB that keeps the node's failures and cleanups, so
// a test can see the node fail a test.
type recorder struct {
	testing.TB
	errs     []string
	cleanups []func()
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recorder) Cleanup(fn func()) { r.cleanups = append(r.cleanups, fn) }

func (r *recorder) finish() {
	for _, fn := range slices.Backward(r.cleanups) {
		fn()
	}
}

func TestNodeUnknownCommands(t *testing.T) {
	for _, allow := range []bool{false, true} {
		t.Run(fmt.Sprint("allow=", allow), func(t *testing.T) {
			r := &recorder{TB: t}
			n := provisiontest.NewNode(r, "master1")
			n.AllowUnknown = allow
			ctx := context.Background()
			res, err := n.Run(ctx, provision.Command{Cmd: "frobnicate --all"})
			if err == nil || res.ExitCode != provisiontest.NoRuleExit {
				t.Errorf("unknown command answered %d, %v", res.ExitCode, err)
			}
			if _, err := n.Run(ctx, provision.Command{Cmd: "test -d /srv"}); err == nil {
				t.Error("test -d of a missing directory succeeded")
			}
			r.finish()
			if u := n.Unmatched(); !slices.Equal(u, []string{"frobnicate --all"}) {
				t.Errorf("unmatched %q", u)
			}
			switch {
			case allow && len(r.errs) != 0:
				t.Errorf("AllowUnknown still failed the test: %q", r.errs)
			case !allow && (len(r.errs) != 1 || !strings.Contains(r.errs[0], "master1") || !strings.Contains(r.errs[0], "frobnicate --all")):
				t.Errorf("want one failure naming the node and the command, got %q", r.errs)
			}
		})
	}
}

// Known decides what apt installs: any package when nil, else only those
// listed and those of a repository whose source list is on the node.
func TestNodeKnownPackages(t *testing.T) {
	const list = "/etc/apt/sources.list.d/extra.list"
	for _, tc := range []struct {
		name    string
		known   map[string]string
		list    bool
		names   []string
		want    map[string]string // installed; nil: the step fails
		changes []string
	}{
		{"any package", nil, false, []string{"jq", "zookeeperd=3.8.0-11"},
			map[string]string{"jq": provisiontest.DefaultVersion, "zookeeperd": "3.8.0-11"}, []string{"apt-get install jq zookeeperd=3.8.0-11"}},
		{"known package", map[string]string{"jq": "1.6-2.1"}, false, []string{"jq"},
			map[string]string{"jq": "1.6-2.1"}, []string{"apt-get install jq"}},
		{"pinned to another version", map[string]string{"jq": "1.6-2.1"}, false, []string{"jq=1.7"},
			nil, []string{"apt-get update"}},
		{"unknown package", map[string]string{"jq": "1.6-2.1"}, false, []string{"jq", "extra"},
			nil, []string{"apt-get update"}},
		{"from a repository once its lists are fetched", map[string]string{"jq": "1.6-2.1"}, true, []string{"jq", "extra"},
			map[string]string{"jq": "1.6-2.1", "extra": "2.0"}, []string{"apt-get update", "apt-get install jq extra"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := provisiontest.NewNode(t, "agent1")
			n.Known = tc.known
			n.Repos[list] = &provisiontest.Repo{Offers: map[string]string{"extra": "2.0"}}
			if tc.list {
				n.SetFile(list, "deb http://extra.mesoslab.test/ bookworm main\n")
			}
			_, err := n.Provision([]provision.Step{provision.Package(provision.PackageSpec{Names: tc.names})})
			if (err == nil) != (tc.want != nil) {
				t.Fatalf("err = %v, want success %v", err, tc.want != nil)
			}
			if tc.want == nil {
				tc.want = map[string]string{}
			}
			if !maps.Equal(n.Packages, tc.want) {
				t.Errorf("installed %v, want %v", n.Packages, tc.want)
			}
			if got := n.TakeChanges(); !slices.Equal(got, tc.changes) {
				t.Errorf("changes %q, want %q", got, tc.changes)
			}
		})
	}
}
