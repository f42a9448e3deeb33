package recipes

import (
	"slices"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
)

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
			node := newSimNode("agent1")
			node.aptFresh, node.aptLists = tc.fresh, tc.lists
			source := provision.File(provision.FileSpec{Path: "/etc/apt/sources.list.d/lab.sources", Content: []byte("Types: deb\n")})
			if !tc.sourceChanged {
				node.setFile("/etc/apt/sources.list.d/lab.sources", "Types: deb\n")
			}
			// A second AptUpdate in the same run, as in a later phase,
			// never refreshes again.
			rep, err := node.run([]provision.Step{source, provision.AptUpdate(source), provision.AptUpdate()})
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
			if got := node.changingCommands(); !slices.Equal(got, want) {
				t.Errorf("changing commands %q, want %q", got, want)
			}
			if rep.Failed != 0 || rep.Changed != len(want) {
				t.Errorf("changed %d, failed %d; want %d changed", rep.Changed, rep.Failed, len(want))
			}
			if u := node.Unmatched(); len(u) > 0 {
				t.Errorf("commands the test node does not know: %q", u)
			}
		})
	}
}
