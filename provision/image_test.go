package provision_test

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// TestImageStepWithRealDocker runs the image step's commands against the
// real Docker engine through the local shell. The image names a registry on
// a loopback port where nothing listens, so the pull fails for real without
// leaving the machine.
func TestImageStepWithRealDocker(t *testing.T) {
	testenv.NeedDocker(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // a closed port refuses connections
	image := "127.0.0.1:" + strconv.Itoa(port) + "/mesoslab-test/absent:v0"
	step := provision.Image(provision.ImageSpec{Image: image, Key: "sources.marathon.image"})

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ok, err := step.Check(ctx, provisiontest.Local{})
	if err != nil || ok {
		t.Fatalf("Check of an absent image = %v, %v; want false, nil", ok, err)
	}
	_, err = provision.Converge(ctx, provisiontest.Local{}, step, false)
	provisiontest.WantSourceError(t, err, "sources.marathon.image", image, "the registry cannot be reached", "connection refused")
}
