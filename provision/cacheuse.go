package provision

// CacheUse is how a lab's provisioning uses its host's cache. The zero value
// (no cache, online) leaves steps exactly as they are.
type CacheUse struct {
	// Cache is the host's store; nil means no cache.
	Cache Cache
	// Manifest records what the nodes used, for `up --offline`; may be nil.
	Manifest *Manifest
	// Flight pulls each image once per lab; nil pulls per node.
	Flight *ImageFlight
	// Offline downloads nothing: apt installs only the files the cache put
	// on the node (no apt-get update, apt-get install --no-download), and
	// images, keys and binaries come from the cache or their step fails.
	Offline bool
}

// UseCache returns one node's steps of one phase wired to u: the cached
// apt lists are put on the node before each refresh of the lists, the
// cached package files before each Package step, the node's downloads are
// kept at the end of a phase that touches apt (so Ctrl-C and a resume lose
// little), and image and key steps go through the cache. Offline, the
// refreshes are left out. It changes the given step values (fresh ones,
// as recipes build them per node) and returns the new list.
func UseCache(steps []Step, u CacheUse) []Step {
	if u.Cache == nil && !u.Offline {
		return steps
	}
	var out []Step
	apt := false
	for _, s := range steps {
		switch st := s.(type) {
		case *aptUpdate:
			apt = true
			out = append(out, AptListsSeed(u.Cache))
			if u.Offline {
				continue // never fetch: the seeded lists are what apt knows
			}
		case *aptListsStep:
			apt = true
			out = append(out, AptListsSeed(u.Cache))
			st.offline = u.Offline
		case *pkgStep:
			apt = true
			st.spec.Offline = u.Offline
			out = append(out, AptSeed(u.Cache, st.spec.Names))
		case *imageStep:
			st.spec.Cache, st.spec.Flight, st.spec.Manifest, st.spec.Offline = u.Cache, u.Flight, u.Manifest, u.Offline
		case *aptKeyStep:
			st.cache, st.manifest, st.offline = u.Cache, u.Manifest, u.Offline
		}
		out = append(out, s)
	}
	if apt && u.Cache != nil {
		out = append(out, AptHarvest(u.Cache, u.Manifest))
	}
	return out
}
