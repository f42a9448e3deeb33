package doctor

import (
	"context"
	"sync"
	"time"

	"github.com/hashicorp/go-version"
)

// commandTimeout bounds each tool invocation inside a check; VBoxManage got
// 4 s in minikube, Vagrant's Ruby start-up is slower on Windows.
const commandTimeout = 8 * time.Second

// probe is one run's view of the host. Facts that several checks need
// (the VirtualBox version, the box folder) are read once per run and shared.
type probe struct {
	h    Host
	lab  Lab
	vbox memo[vboxFacts]
	vag  memo[vagrantFacts]
	box  memo[boxFacts]
	dock memo[dockerFacts]
}

func newProbe(h Host, lab Lab) *probe { return &probe{h: h, lab: lab} }

// memo computes a value once; callers that arrive while it is being computed
// wait for it, or give up when their own context ends.
type memo[T any] struct {
	once sync.Once
	done chan struct{}
	val  T
	err  error
}

func (m *memo[T]) get(ctx context.Context, compute func(context.Context) (T, error)) (T, error) {
	m.once.Do(func() {
		m.done = make(chan struct{})
		// The first caller computes in the background under its own context,
		// so a waiting caller is released as soon as its context ends.
		go func() {
			defer close(m.done)
			m.val, m.err = compute(ctx)
		}()
	})
	select {
	case <-m.done:
		return m.val, m.err
	case <-ctx.Done():
		var zero T
		return zero, context.Cause(ctx)
	}
}

// vboxFacts is what VBoxManage says about itself.
type vboxFacts struct {
	Path     string
	Version  *version.Version
	Warnings []string
	Raw      string
}

func (p *probe) virtualBox(ctx context.Context) (vboxFacts, error) {
	return p.vbox.get(ctx, func(ctx context.Context) (vboxFacts, error) {
		path, err := findVBoxManage(p.h)
		if err != nil {
			return vboxFacts{}, err
		}
		out, err := p.h.Run(ctx, Command{Name: path, Args: []string{"--version"}, Timeout: commandTimeout})
		f := vboxFacts{Path: path, Raw: out.Combined()}
		if err != nil {
			return f, err
		}
		f.Version, f.Warnings, err = parseVBoxVersion(out.Stdout)
		return f, err
	})
}

// vagrantFacts is what `vagrant --version` says.
type vagrantFacts struct {
	Path    string
	Version *version.Version
	Raw     string
}

func (p *probe) vagrant(ctx context.Context) (vagrantFacts, error) {
	return p.vag.get(ctx, func(ctx context.Context) (vagrantFacts, error) {
		path, err := p.h.LookPath("vagrant")
		if err != nil {
			return vagrantFacts{}, err
		}
		// Without the checkpoint switch Vagrant asks HashiCorp for updates.
		out, err := p.h.Run(ctx, Command{Name: path, Args: []string{"--version"},
			Env: []string{"VAGRANT_CHECKPOINT_DISABLE=1"}, Timeout: commandTimeout})
		f := vagrantFacts{Path: path, Raw: out.Combined()}
		if err != nil {
			return f, err
		}
		f.Version, err = parseVagrantVersion(out.Stdout)
		return f, err
	})
}
