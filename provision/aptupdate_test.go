package provision_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// A check that cannot run is an error, not "stale lists": the run must not
// go on to refresh a node it cannot reach.
func TestAptUpdateCheckLostConnection(t *testing.T) {
	node := provisiontest.New("master1")
	lost := errors.New("connection reset")
	node.On(`-mmin`).Fail(lost)
	_, err := provision.Converge(context.Background(), node, provision.AptUpdate(), false)
	if !errors.Is(err, provision.ErrConnectionLost) {
		t.Fatalf("err = %v, want a lost connection", err)
	}
	if node.Count(`apt-get`) != 0 {
		t.Errorf("refreshed after a failed check: %q", node.CommandLines())
	}
}

func TestAptName(t *testing.T) {
	for _, tc := range []struct{ name, version, want string }{
		{"zookeeperd", "", "zookeeperd"},
		{"zookeeperd", "3.8.0-11+deb12u2", "zookeeperd=3.8.0-11+deb12u2"},
	} {
		if got := provision.AptName(tc.name, tc.version); got != tc.want {
			t.Errorf("provision.AptName(%q, %q) = %q, want %q", tc.name, tc.version, got, tc.want)
		}
	}
}

// aptRefresh is the command that refreshes the package lists.
const aptRefresh = `apt-get update -o DPkg::Lock::Timeout=120 && mkdir -p -- "$(dirname -- /var/lib/apt/periodic/mesoslab-update-success-stamp)" && touch -- /var/lib/apt/periodic/mesoslab-update-success-stamp`

// TestAptUpdate refreshes the lists on a simulated node when they are
// missing or older than AptMaxAge, or when a source changed in this run.
func TestAptUpdate(t *testing.T) {
	for _, tc := range []struct {
		name          string
		fresh, lists  bool
		sourceChanged bool
		wantRefresh   bool
	}{
		{name: "never refreshed", wantRefresh: true},
		{name: "refreshed over an hour ago", lists: true, wantRefresh: true},
		{name: "lists removed since", fresh: true, wantRefresh: true},
		{name: "refreshed in this run or the last hour", fresh: true, lists: true},
		{name: "an apt source changed in this run", fresh: true, lists: true, sourceChanged: true, wantRefresh: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			node := provisiontest.NewNode(t, "agent1")
			node.AptFresh, node.AptLists = tc.fresh, tc.lists
			source := provision.File(provision.FileSpec{Path: "/etc/apt/sources.list.d/lab.sources", Content: []byte("Types: deb\n")})
			if !tc.sourceChanged {
				node.SetFile("/etc/apt/sources.list.d/lab.sources", "Types: deb\n")
			}
			// A second AptUpdate in the same run, as in a later phase,
			// never refreshes again.
			rep, err := node.Provision([]provision.Step{source, provision.AptUpdate(source), provision.AptUpdate()})
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			if tc.sourceChanged {
				want = append(want, "write /etc/apt/sources.list.d/lab.sources")
			}
			if tc.wantRefresh {
				want = append(want, aptRefresh)
			}
			if got := node.ChangingCommands(); !slices.Equal(got, want) {
				t.Errorf("changing commands %q, want %q", got, want)
			}
			if rep.Failed != 0 || rep.Changed != len(want) {
				t.Errorf("changed %d, failed %d; want %d changed", rep.Changed, rep.Failed, len(want))
			}
		})
	}
}
