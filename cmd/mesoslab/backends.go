package main

import (
	"io"
	"sync"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/cache"
	"github.com/mesoslab/mesoslab/lab/doctor"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/vagrant"
)

// backends wires the real outside world: the vagrant command, this host and
// the lab cache in the mesoslab home.
func (s streams) backends() lab.Backends {
	if s.world != nil {
		return *s.world
	}
	return lab.Backends{
		Vagrant: func(dir string) vagrant.Driver {
			c := vagrant.NewCLI(dir, vagrant.CLIOptions{})
			s.hard.add(c)
			return c
		},
		Host:          doctor.NewSystemHost(),
		DockerNetwork: vagrant.EnsureDockerNetwork,
		Cache:         &lazyCache{home: func() (string, error) { return lab.Home(s.getenv) }},
	}
}

// lazyCache opens the lab cache in the mesoslab home on first use, so that
// commands that never provision create no cache folder.
type lazyCache struct {
	home func() (string, error)
	once sync.Once
	st   *cache.Store
	err  error
}

func (l *lazyCache) store() (*cache.Store, error) {
	l.once.Do(func() {
		home, err := l.home()
		if err != nil {
			l.err = err
			return
		}
		l.st, l.err = cache.Open(cache.Dir(home))
	})
	return l.st, l.err
}

func (l *lazyCache) Open(kind provision.CacheKind, name string) (io.ReadCloser, provision.CacheEntry, bool, error) {
	st, err := l.store()
	if err != nil {
		return nil, provision.CacheEntry{}, false, err
	}
	return st.Open(kind, name)
}

func (l *lazyCache) Keep(kind provision.CacheKind, name string, r io.Reader) (provision.CacheEntry, error) {
	st, err := l.store()
	if err != nil {
		return provision.CacheEntry{}, err
	}
	return st.Keep(kind, name, r)
}

func (l *lazyCache) Entries(kind provision.CacheKind) ([]provision.CacheEntry, error) {
	st, err := l.store()
	if err != nil {
		return nil, err
	}
	return st.Entries(kind)
}
