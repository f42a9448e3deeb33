package doctor

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
)

// boxFacts is what the local box store holds for the lab's box.
type boxFacts struct {
	// Dir is the box's folder in the store.
	Dir string
	// Present is true when a matching version has a virtualbox build.
	Present bool
	// Archs lists the architectures of the virtualbox builds found; a box
	// stored without an architecture folder (Vagrant < 2.4) adds "".
	Archs []string
}

// boxes reads the Vagrant box store: VAGRANT_HOME (default ~/.vagrant.d)
// /boxes/<name, "/" spelt -VAGRANTSLASH->/<version>/[<arch>/]virtualbox.
func (p *probe) boxes(ctx context.Context) (boxFacts, error) {
	return p.box.get(ctx, func(ctx context.Context) (boxFacts, error) {
		home := p.h.Getenv("VAGRANT_HOME")
		if home == "" {
			dir, err := p.h.HomeDir()
			if err != nil {
				return boxFacts{}, err
			}
			home = filepath.Join(dir, ".vagrant.d")
		}
		bf := boxFacts{Dir: filepath.Join(home, "boxes", strings.ReplaceAll(p.lab.Box, "/", "-VAGRANTSLASH-"))}
		versions, err := p.h.ReadDir(ctx, bf.Dir)
		if errors.Is(err, fs.ErrNotExist) {
			return bf, nil
		}
		if err != nil {
			return bf, err
		}
		for _, v := range versions {
			if p.lab.BoxVersion != "" && v != p.lab.BoxVersion {
				continue
			}
			entries, err := p.h.ReadDir(ctx, filepath.Join(bf.Dir, v))
			if err != nil {
				continue // metadata_url and other plain files
			}
			for _, e := range entries {
				if e == ProviderVirtualBox {
					bf.Archs = append(bf.Archs, "")
					continue
				}
				sub, err := p.h.ReadDir(ctx, filepath.Join(bf.Dir, v, e))
				if err == nil && slices.Contains(sub, ProviderVirtualBox) {
					bf.Archs = append(bf.Archs, e)
				}
			}
		}
		bf.Present = len(bf.Archs) > 0
		return bf, nil
	})
}

// checkBox warns when the first `up` has to download the box.
func checkBox(ctx context.Context, p *probe, lab Lab) finding {
	if lab.Box == "" {
		return finding{StatusFail, "the lab names no box", "set the box in the lab's configuration"}
	}
	name := lab.Box
	if lab.BoxVersion != "" {
		name += " " + lab.BoxVersion
	}
	bf, err := p.boxes(ctx)
	if err != nil {
		return finding{StatusWarn, fmt.Sprintf("cannot read the box store for %s: %v", name, err),
			"check that the folder is readable; `vagrant box list` shows the boxes"}
	}
	if !bf.Present {
		add := "vagrant box add " + lab.Box + " --provider virtualbox"
		if lab.BoxVersion != "" {
			add += " --box-version " + lab.BoxVersion
		}
		return finding{StatusWarn, fmt.Sprintf("box %s is not downloaded: the first `up` downloads it", name),
			"download it ahead (for example before a workshop): `" + add + "`"}
	}
	return ok(fmt.Sprintf("box %s is downloaded (%s)", name, archList(bf.Archs)))
}

func archList(archs []string) string {
	var out []string
	for _, a := range archs {
		if a == "" {
			a = "no architecture recorded"
		}
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return strings.Join(out, ", ")
}
