package provision

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"strconv"
	"strings"
)

// FileSpec is the wanted content and metadata of one file on a node.
type FileSpec struct {
	Path    string      // absolute path on the node
	Content []byte      // the whole content
	Mode    os.FileMode // permission bits; 0 means 0644
	Owner   string      // "user:group", names or ids; empty leaves the owner alone (root for a new file)
	Secret  bool        // keep the content out of logs (it is never logged; this also hides command output)
}

// File returns a step that keeps spec.Path at exactly spec.Content, mode and
// owner. Check compares the sha256 of the content, the mode and the owner in
// one remote command. Apply creates the parent directory if needed, uploads
// the content on stdin to a temporary file in the same directory, sets mode
// and owner on it and renames it over the path, so readers never see a half
// written file.
func File(spec FileSpec) Step {
	if spec.Mode == 0 {
		spec.Mode = 0o644
	}
	return &fileStep{spec: spec}
}

type fileStep struct{ spec FileSpec }

func (f *fileStep) Name() string { return "file " + f.spec.Path }

// fileState is what Check learns about the node's file.
type fileState struct {
	exists bool
	sum    string // hex sha256
	mode   os.FileMode
	owners []string // "user:group" by name and by id
}

func (f *fileStep) Check(ctx context.Context, r Runner) (bool, error) {
	if !path.IsAbs(f.spec.Path) {
		return false, fmt.Errorf("file path %q is not absolute", f.spec.Path)
	}
	script := "set -eo pipefail\np=" + Quote(f.spec.Path) + `
if [ -L "$p" ] || [ ! -e "$p" ]; then echo absent; exit 0; fi
sha256sum < "$p" | cut -d' ' -f1
stat -c '%a %U:%G %u:%g' -- "$p"`
	res, err := r.Run(ctx, Command{Cmd: script, Sudo: true, Secret: f.spec.Secret})
	if err != nil {
		return false, err
	}
	st, err := parseFileState(res.Stdout)
	if err != nil {
		return false, fmt.Errorf("read state of %s: %w", f.spec.Path, err)
	}
	return f.matches(st), nil
}

func (f *fileStep) matches(st fileState) bool {
	want := sha256.Sum256(f.spec.Content)
	if !st.exists || st.sum != hex.EncodeToString(want[:]) || st.mode != f.spec.Mode.Perm() {
		return false
	}
	if f.spec.Owner == "" {
		return true
	}
	for _, o := range st.owners {
		if o == f.spec.Owner || strings.HasPrefix(o, f.spec.Owner+":") {
			return true
		}
	}
	return false
}

// parseFileState reads the output of the check script: "absent", or the
// content's hash on one line and "MODE USER:GROUP UID:GID" on the next.
func parseFileState(out []byte) (fileState, error) {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) == 1 && lines[0] == "absent" {
		return fileState{}, nil
	}
	if len(lines) != 2 || len(lines[0]) != sha256.Size*2 {
		return fileState{}, fmt.Errorf("unexpected output %q", out)
	}
	fields := strings.Fields(lines[1])
	if len(fields) != 3 {
		return fileState{}, fmt.Errorf("unexpected stat output %q", lines[1])
	}
	mode, err := strconv.ParseUint(fields[0], 8, 32)
	if err != nil {
		return fileState{}, fmt.Errorf("unexpected mode %q: %w", fields[0], err)
	}
	return fileState{exists: true, sum: lines[0], mode: os.FileMode(mode), owners: fields[1:]}, nil
}

func (f *fileStep) Apply(ctx context.Context, r Runner) error {
	dir, base := path.Split(f.spec.Path)
	var b strings.Builder
	fmt.Fprintf(&b, "set -eo pipefail\nmkdir -p -- %s\n", Quote(dir))
	// The temporary file sits in the target's directory so that mv is a
	// rename on one file system, which is atomic.
	fmt.Fprintf(&b, "tmp=$(mktemp -- %s)\n", Quote(dir+"."+base+".mesoslab-XXXXXX"))
	b.WriteString("trap 'rm -f -- \"$tmp\"' EXIT\ncat > \"$tmp\"\n")
	fmt.Fprintf(&b, "chmod %04o -- \"$tmp\"\n", f.spec.Mode.Perm())
	if f.spec.Owner != "" {
		fmt.Fprintf(&b, "chown %s -- \"$tmp\"\n", Quote(f.spec.Owner))
	}
	fmt.Fprintf(&b, "mv -fT -- \"$tmp\" %s\ntrap - EXIT\n", Quote(f.spec.Path))
	_, err := r.Run(ctx, Command{Cmd: b.String(), Stdin: f.spec.Content, Sudo: true, Secret: f.spec.Secret})
	return err
}

// InPlaceFile returns a step that keeps path at exactly content by writing into
// the file instead of renaming a new one over it. In a container /etc/hosts
// and /etc/hostname are bind mounts that Docker manages, and a rename over
// a mount point fails with EBUSY, so File cannot be used for
// them. A reader may see the file half written for an instant, which these
// two files tolerate; the same step works on a VM.
func InPlaceFile(path string, content []byte) Step {
	return &inPlaceFile{path: path, content: content}
}

type inPlaceFile struct {
	path    string
	content []byte
}

func (f *inPlaceFile) Name() string { return "file " + f.path + " (in place)" }

// Check compares the content's sha256; a missing file hashes to nothing and
// so differs.
func (f *inPlaceFile) Check(ctx context.Context, r Runner) (bool, error) {
	sum := sha256.Sum256(f.content)
	cmd := `[ "$(sha256sum < ` + Quote(f.path) + ` 2>/dev/null | cut -d' ' -f1)" = ` + hex.EncodeToString(sum[:]) + " ]"
	_, err := r.Run(ctx, Command{Cmd: cmd})
	return answer(err)
}

func (f *inPlaceFile) Apply(ctx context.Context, r Runner) error {
	p := Quote(f.path)
	_, err := r.Run(ctx, Command{Cmd: "cat > " + p + " && chmod 0644 " + p, Stdin: f.content, Sudo: true})
	return err
}
