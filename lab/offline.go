package lab

import (
	"fmt"
	"path"
	"strings"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/provision"
)

// OfflineError is `up --offline` refusing to start: the lab cache lacks
// what the lab's nodes would have to download. It lists every item.
type OfflineError struct {
	Missing []string
}

func (e *OfflineError) Error() string {
	return fmt.Sprintf("offline, and the lab cache lacks %d item(s) this lab needs:\n  - %s\n"+
		"fix: run one `mesoslab up` online (it fills the cache), or `mesoslab cache import FILE` with a cache exported where one ran",
		len(e.Missing), strings.Join(e.Missing, "\n  - "))
}

// checkOffline is the first step of `up --offline`: before any machine is
// built, every item the lab's nodes would download must be in the cache.
func checkOffline(c provision.Cache, p *config.Plan) error {
	missing, err := CacheMissing(c, p)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return &OfflineError{Missing: missing}
	}
	return nil
}

// CacheMissing lists what the cache lacks for an offline bring-up of p: the
// package files and apt lists an online run of the same profile recorded
// (or the record itself), the images, the Mesos-DNS release and the
// repository key.
func CacheMissing(c provision.Cache, p *config.Plan) ([]string, error) {
	if c == nil {
		return []string{"the lab cache itself: this mesoslab has none"}, nil
	}
	var missing []string
	have := func(kind provision.CacheKind, match func(string) bool) (bool, error) {
		entries, err := c.Entries(kind)
		if err != nil {
			return false, fmt.Errorf("lab cache: %w", err)
		}
		for _, e := range entries {
			if match(e.Name) {
				return true, nil
			}
		}
		return false, nil
	}
	is := func(name string) func(string) bool { return func(n string) bool { return n == name } }
	profile := CacheProfile(p)
	items, ok, err := provision.ReadManifest(c, profile)
	if err != nil {
		return nil, fmt.Errorf("lab cache: %w", err)
	}
	if !ok {
		missing = append(missing, "the package files (.deb) and apt lists of this kind of lab: no online `mesoslab up` of it is recorded ("+profile+")")
	}
	for _, it := range items {
		if it.Kind != provision.CacheDeb && it.Kind != provision.CacheAptLists {
			continue // images, key and binary are checked from the spec below
		}
		if found, err := have(it.Kind, is(it.Name)); err != nil {
			return nil, err
		} else if !found {
			missing = append(missing, string(it.Kind)+" "+it.Name)
		}
	}
	s := p.Spec
	var want []provision.ManifestItem
	if s.Components.Mesos {
		want = append(want, provision.ManifestItem{Kind: provision.CacheKey, Name: s.Sources.Mesos.KeyURL})
	}
	if s.Components.Marathon {
		want = append(want, provision.ManifestItem{Kind: provision.CacheImage, Name: s.Sources.Marathon.Image})
	}
	if s.Components.Chronos {
		want = append(want, provision.ManifestItem{Kind: provision.CacheImage, Name: s.Sources.Chronos.Image})
	}
	if s.Components.Mesos && s.Agents > 0 && s.Sources.Demo.Image != "" {
		want = append(want, provision.ManifestItem{Kind: provision.CacheImage, Name: s.Sources.Demo.Image})
	}
	for _, it := range want {
		if found, err := have(it.Kind, is(it.Name)); err != nil {
			return nil, err
		} else if !found {
			missing = append(missing, string(it.Kind)+" "+it.Name)
		}
	}
	if d := s.Sources.MesosDNS; s.Components.MesosDNS && d.URL != "" {
		// The architecture is the node's: any build of this release will do
		// for the check; the node's step picks its own.
		pattern := strings.NewReplacer("{version}", d.Version, "{arch}", "*").Replace(d.URL)
		found, err := have(provision.CacheBinary, func(n string) bool { m, _ := path.Match(pattern, n); return m })
		if err != nil {
			return nil, err
		}
		if !found {
			missing = append(missing, string(provision.CacheBinary)+" "+strings.ReplaceAll(d.URL, "{version}", d.Version))
		}
	}
	return missing, nil
}
