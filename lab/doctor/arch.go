package doctor

import (
	"context"
	"fmt"
	"slices"
)

// checkArch matches the host's CPU with VirtualBox and the box. VirtualBox
// runs on Apple Silicon from 7.1 on, for arm64 guests only: an amd64 box
// ends in "The guest machine entered an invalid state". Bento's arm64 boxes
// need VirtualBox 7.1.6 or later.
func checkArch(ctx context.Context, p *probe, lab Lab) finding {
	arch := p.h.Arch()
	if arch != "arm64" {
		if lab.BoxArchitectures != nil && !slices.Contains(lab.BoxArchitectures, arch) {
			return finding{StatusFail, fmt.Sprintf("%s host, but box %s is built only for %v", arch, lab.Box, lab.BoxArchitectures),
				"choose a box with an " + arch + " build"}
		}
		return ok(arch + " host: VirtualBox runs amd64 boxes")
	}
	vbox := ok("")
	if vb, err := p.virtualBox(ctx); err == nil {
		switch {
		case !atLeast(vb.Version, "7.1.0"):
			vbox = finding{StatusFail, fmt.Sprintf("arm64 host with VirtualBox %s: VirtualBox runs on arm64 from 7.1 on", vb.Version),
				"install VirtualBox 7.2 (the macOS/Arm64 build), or use --provider docker"}
		case !atLeast(vb.Version, "7.1.6"):
			vbox = finding{StatusWarn, fmt.Sprintf("arm64 host with VirtualBox %s: arm64 boxes such as Bento's need 7.1.6 or later", vb.Version),
				"upgrade VirtualBox to 7.2"}
		}
	}
	box := boxArch(ctx, p, lab)
	if vbox.Status == StatusOK && box.Status == StatusOK {
		return box
	}
	return worst(vbox, box)
}

// boxArch decides whether the box has an arm64 build: from what the lab
// knows of the box, else from the local box store.
func boxArch(ctx context.Context, p *probe, lab Lab) finding {
	if lab.BoxArchitectures != nil {
		if slices.Contains(lab.BoxArchitectures, "arm64") {
			return ok(fmt.Sprintf("arm64 host; box %s has an arm64 build", lab.Box))
		}
		return finding{StatusFail, fmt.Sprintf("arm64 host, but box %s has no arm64 build (only %v)", lab.Box, lab.BoxArchitectures),
			"choose a box with an arm64 build for VirtualBox (for example a Bento arm64 box), or use --provider docker"}
	}
	if bf, err := p.boxes(ctx); err == nil && bf.Present {
		if slices.Contains(bf.Archs, "arm64") {
			return ok(fmt.Sprintf("arm64 host; the downloaded box %s is the arm64 build", lab.Box))
		}
		return finding{StatusFail, fmt.Sprintf("arm64 host, but the downloaded box %s is not an arm64 build (%s)", lab.Box, archList(bf.Archs)),
			fmt.Sprintf("remove it (`vagrant box remove %s`) and use a box with an arm64 build", lab.Box)}
	}
	return finding{StatusWarn, fmt.Sprintf("arm64 host: cannot tell whether box %s has an arm64 build", lab.Box),
		"make sure the box is published for arm64 and virtualbox (Vagrant 2.4.0 or later picks the build)"}
}
