package provision_test

import (
	"context"
	"errors"
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
