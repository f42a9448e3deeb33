package recipes

import "testing"

func TestDockerFreshThenConverged(t *testing.T) {
	c := testCluster("default", 1, 1)
	f := newLabNode(t, c.node("agent1"))
	provisionTwice(t, f, c, Docker, []string{"apt-get install docker.io"})
	if !f.Active("docker") || !f.Units["docker"].Enabled {
		t.Error("docker is not enabled and running")
	}
}

func TestDockerPinnedVersion(t *testing.T) {
	c := testCluster("default", 1, 1)
	c.Sources.DockerVersion = "20.10.24+dfsg1-1+deb12u1+b6"
	f := newLabNode(t, c.node("agent1"))
	if err := f.provision(Docker(c, f.node)); err != nil {
		t.Fatal(err)
	}
	if f.Count(`apt-get install .* 'docker\.io=20\.10\.24\+dfsg1-1\+deb12u1\+b6'$`) != 1 {
		t.Errorf("docker.io was not installed at the pinned version: %q", f.TakeChanges())
	}
}
