package provision

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"golang.org/x/sync/singleflight"
)

// ImageFlight is shared by the nodes of one lab so that each image is
// pulled from its registry once per lab: the nodes of a phase run
// concurrently, and while one pulls and saves an image into the cache the
// others wait for it, then load the saved copy.
type ImageFlight struct{ g singleflight.Group }

// NewImageFlight returns an ImageFlight for one run.
func NewImageFlight() *ImageFlight { return &ImageFlight{} }

// viaCache loads a cached image, or pulls it once for the lab and saves it.
func (s *imageStep) viaCache(ctx context.Context, r Runner) error {
	if loaded, err := s.load(ctx, r); err != nil || loaded {
		return err
	}
	if s.spec.Offline {
		return &SourceError{Key: s.key, Value: s.image, Problem: "offline, and the lab cache does not hold the image",
			Fix: "run one `mesoslab up` online to save it in the cache, or `mesoslab cache import FILE` with a cache that has it"}
	}
	if s.spec.Flight == nil {
		return s.pullAndSave(ctx, r)
	}
	ran := false
	_, err, _ := s.spec.Flight.g.Do(s.image, func() (any, error) {
		ran = true
		return nil, s.pullAndSave(ctx, r)
	})
	if ran {
		return err
	}
	// Another node pulled: load its copy, or pull here when it could not
	// be saved (or its pull failed for a reason of that node's).
	if loaded, lerr := s.load(ctx, r); lerr != nil || loaded {
		return lerr
	}
	return s.pullAndSave(ctx, r)
}

// load puts the cached image on the node; false when the cache lacks it or
// dropped a corrupt copy.
func (s *imageStep) load(ctx context.Context, r Runner) (bool, error) {
	rc, _, ok, err := s.spec.Cache.Open(CacheImage, s.image)
	if err != nil || !ok {
		return false, err
	}
	defer rc.Close()
	b, err := readAll(rc)
	if err != nil {
		return false, err
	}
	if _, err := r.Run(ctx, Command{Cmd: "docker load", Stdin: b, Sudo: true, Timeout: 30 * time.Minute}); err != nil {
		return false, fmt.Errorf("docker load of cached %s: %w", s.image, err)
	}
	return true, s.spec.Manifest.Record(ManifestItem{Kind: CacheImage, Name: s.image})
}

// pullAndSave pulls the image and keeps `docker save` of it.
func (s *imageStep) pullAndSave(ctx context.Context, r Runner) error {
	if err := s.pull(ctx, r); err != nil {
		return err
	}
	res, err := r.Run(ctx, Command{Cmd: "docker save -- " + Quote(s.image), Sudo: true, Secret: true, Timeout: 30 * time.Minute})
	if err != nil {
		return fmt.Errorf("docker save %s for the lab cache: %w", s.image, err)
	}
	if _, err := s.spec.Cache.Keep(CacheImage, s.image, bytes.NewReader(res.Stdout)); err != nil {
		return fmt.Errorf("keep image %s in the lab cache: %w", s.image, err)
	}
	return s.spec.Manifest.Record(ManifestItem{Kind: CacheImage, Name: s.image})
}
