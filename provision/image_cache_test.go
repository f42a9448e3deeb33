package provision_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

const marathonImage = "mesosphere/marathon:v1.11.24"

// imagePhase is one phase in which every node needs the Marathon image, the
// nodes running concurrently as the engine runs a phase.
func imagePhase(u provision.CacheUse, nodes ...*provisiontest.Node) provision.Plan {
	ph := provision.Phase{Name: "marathon"}
	for _, n := range nodes {
		steps := provision.UseCache([]provision.Step{provision.Image(provision.ImageSpec{Image: marathonImage, Key: "sources.marathon.image"})}, u)
		ph.Targets = append(ph.Targets, provision.Target{Node: n.Name, Runner: slowPull{n}, Steps: steps})
	}
	return provision.Plan{ph}
}

// slowPull makes docker pull take a while, as a registry does, so that
// every node of the phase asks for the image while the first one pulls.
type slowPull struct{ *provisiontest.Node }

func (s slowPull) Run(ctx context.Context, c provision.Command) (provision.Result, error) {
	if strings.HasPrefix(c.Cmd, "docker pull ") {
		time.Sleep(200 * time.Millisecond)
	}
	return s.Node.Run(ctx, c)
}

func pulls(nodes ...*provisiontest.Node) int {
	total := 0
	for _, n := range nodes {
		total += n.Count(`^docker pull `)
	}
	return total
}

func TestImagePulledOncePerLab(t *testing.T) {
	cache := provisiontest.NewMemCache()
	nodes := []*provisiontest.Node{provisiontest.NewNode(t, "master1"), provisiontest.NewNode(t, "master2"), provisiontest.NewNode(t, "master3")}
	u := provision.CacheUse{Cache: cache, Flight: provision.NewImageFlight()}
	if _, err := provision.Run(context.Background(), imagePhase(u, nodes...), provision.Options{}); err != nil {
		t.Fatal(err)
	}
	if got := pulls(nodes...); got != 1 {
		t.Errorf("%d docker pulls in the lab; want 1, the others load the saved image", got)
	}
	loads := 0
	for _, n := range nodes {
		if !n.Images[marathonImage] {
			t.Errorf("%s lacks the image", n.Name)
		}
		loads += n.Count(`^docker load$`)
	}
	if loads != 2 {
		t.Errorf("%d docker loads; want 2", loads)
	}
	if got, _ := cache.Get(provision.CacheImage, marathonImage); got != provisiontest.ImageArchive(marathonImage) {
		t.Errorf("cache holds %q; want docker save of the image", got)
	}

	// Without the flight, the nodes that asked while it pulled pull too.
	alone := []*provisiontest.Node{provisiontest.NewNode(t, "master1"), provisiontest.NewNode(t, "master2"), provisiontest.NewNode(t, "master3")}
	if _, err := provision.Run(context.Background(), imagePhase(provision.CacheUse{Cache: provisiontest.NewMemCache()}, alone...), provision.Options{}); err != nil {
		t.Fatal(err)
	}
	if got := pulls(alone...); got != 3 {
		t.Errorf("%d pulls without the flight; want 3 (the test cannot tell otherwise)", got)
	}

	// The next lab pulls nothing.
	next := []*provisiontest.Node{provisiontest.NewNode(t, "master1"), provisiontest.NewNode(t, "master2")}
	if _, err := provision.Run(context.Background(), imagePhase(u, next...), provision.Options{}); err != nil {
		t.Fatal(err)
	}
	if got := pulls(next...); got != 0 {
		t.Errorf("%d pulls with a warm cache; want 0", got)
	}
}

func TestImageCacheEntryCheckedBeforeLoad(t *testing.T) {
	cache := provisiontest.NewMemCache()
	cache.Put(provision.CacheImage, marathonImage, provisiontest.ImageArchive(marathonImage))
	cache.Corrupt(provision.CacheImage, marathonImage)
	n := provisiontest.NewNode(t, "master1")
	if _, err := provision.Run(context.Background(), imagePhase(provision.CacheUse{Cache: cache}, n), provision.Options{}); err != nil {
		t.Fatal(err)
	}
	if n.Count(`^docker load$`) != 0 || pulls(n) != 1 {
		t.Errorf("loads %d, pulls %d; want the corrupt copy dropped and the image pulled", n.Count(`^docker load$`), pulls(n))
	}
	if got, _ := cache.Get(provision.CacheImage, marathonImage); got != provisiontest.ImageArchive(marathonImage) {
		t.Errorf("cache holds %q; want the fresh save", got)
	}
}

func TestImageOfflineNeverPulls(t *testing.T) {
	n := provisiontest.NewNode(t, "master1")
	_, err := provision.Run(context.Background(), imagePhase(provision.CacheUse{Cache: provisiontest.NewMemCache(), Offline: true}, n), provision.Options{})
	provisiontest.WantSourceError(t, err, "sources.marathon.image", marathonImage, "offline, and the lab cache does not hold the image", "mesoslab cache import")
	if pulls(n) != 0 {
		t.Errorf("offline run pulled")
	}
}

func TestImageWithoutCacheStillPulls(t *testing.T) {
	n := provisiontest.NewNode(t, "master1")
	if _, err := provision.Run(context.Background(), imagePhase(provision.CacheUse{}, n), provision.Options{}); err != nil {
		t.Fatal(err)
	}
	if pulls(n) != 1 || n.Count(`^docker save`) != 0 {
		t.Errorf("without a cache: %d pulls, %d saves; want the pull of before and no save", pulls(n), n.Count(`^docker save`))
	}
}
