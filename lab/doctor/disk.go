package doctor

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
)

// checkDisk compares the free space where the lab lives with what the box
// download, the imported base image and the machines will take.
func checkDisk(ctx context.Context, p *probe, lab Lab) finding {
	need, parts := diskNeed(ctx, p, lab)
	dir := lab.Dir
	if dir == "" {
		dir = "."
	}
	free, where, err := freeAt(ctx, p.h, dir)
	if err != nil {
		return finding{StatusWarn, fmt.Sprintf("cannot read free space of %s: %v", dir, err),
			fmt.Sprintf("make sure %s is free for the lab", gb(need))}
	}
	freeMB := mib(free)
	line := fmt.Sprintf("need %s (%s), %s free in %s", gb(need), parts, gb(freeMB), where)
	switch {
	case freeMB < need:
		return finding{StatusFail, line, fmt.Sprintf("free %s in %s, or put the lab on a bigger disk", gb(need-freeMB), where)}
	case freeMB < 2*need:
		return finding{StatusWarn, line, "the disk will be nearly full once the lab runs; free some space"}
	}
	return ok(line)
}

// diskNeed adds up the lab's disk use in MiB and says how.
func diskNeed(ctx context.Context, p *probe, lab Lab) (int, string) {
	n, vm, box := lab.machines(), lab.vmDiskMB(), lab.boxDiskMB()
	var parts []string
	need := 0
	if lab.provider() == ProviderDocker {
		need = n * vm
		parts = append(parts, fmt.Sprintf("%d containers x %s", n, gb(vm)))
		return need, strings.Join(parts, " + ")
	}
	if bf, err := p.boxes(ctx); err != nil || !bf.Present {
		need += box
		parts = append(parts, "box download "+gb(box))
	}
	if lab.LinkedClones {
		need += box + n*vm
		parts = append(parts, "base "+gb(box), fmt.Sprintf("%d linked clones x %s", n, gb(vm)))
	} else {
		need += n * (box + vm)
		parts = append(parts, fmt.Sprintf("%d full clones x %s", n, gb(box+vm)))
	}
	return need, strings.Join(parts, " + ")
}

// freeAt reads free space at dir or, when dir does not exist yet, at its
// nearest existing parent.
func freeAt(ctx context.Context, h Host, dir string) (uint64, string, error) {
	for {
		free, err := h.DiskFree(ctx, dir)
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			return free, dir, err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return 0, dir, err
		}
		dir = parent
	}
}
