package provisiontest

import (
	"archive/tar"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/provision"
)

// DebFile is the name apt gives the package file of name at version on
// arch in /var/cache/apt/archives (an epoch's colon becomes %3a), and the
// content the simulated node's apt downloads for it.
func DebFile(name, version, arch string) (file, content string) {
	return name + "_" + strings.ReplaceAll(version, ":", "%3a") + "_" + arch + ".deb",
		"package " + name + " " + version + " " + arch + "\n"
}

// aptVersion is the version apt would install of p ("name" or
// "name=version"); false when apt does not know it.
func (n *Node) aptVersion(p string) (name, version string, ok bool) {
	name, version, pinned := strings.Cut(p, "=")
	v, known := n.Known[name]
	switch {
	case n.Known != nil && (!known || (pinned && v != version)):
		return name, "", false
	case known:
		return name, v, true
	case !pinned:
		return name, DefaultVersion, true
	}
	return name, version, true
}

// cacheHandlers answer the removal of a file, and the lab cache's steps: apt's --print-uris, the
// archive and lists listings, tar streams into and out of the node, and
// docker save and load.
func (n *Node) cacheHandlers() []handler {
	return []handler{
		{`^\[ ! -e (\S+) \]$`, func(_ provision.Command, m []string) (string, string, int) {
			_, ok := n.Files[Unquote(m[1])]
			return "", "", exit(!ok)
		}},
		{`^rm -f -- (\S+)$`, func(_ provision.Command, m []string) (string, string, int) {
			delete(n.Files, Unquote(m[1]))
			n.Change("rm %s", Unquote(m[1]))
			return "", "", 0
		}},
		{`^apt-get install -y -qq --no-install-recommends --print-uris -- (.*) 2>/dev/null \|\| true\necho '--- archives'\nls -1 -- /var/cache/apt/archives 2>/dev/null \|\| true$`,
			func(_ provision.Command, m []string) (string, string, int) {
				var out strings.Builder
				names := Words(m[1])
				for _, p := range names {
					if _, _, ok := n.aptVersion(p); !ok {
						names = nil // apt fails, and || true hides it
					}
				}
				for _, p := range names {
					name, v, _ := n.aptVersion(p)
					if n.Packages[name] == v {
						continue
					}
					file, content := DebFile(name, v, n.Arch)
					fmt.Fprintf(&out, "'http://mirror.example/debian/pool/main/%s' %s %d SHA256:%s\n", file, file, len(content), sum(content))
				}
				out.WriteString("--- archives\n")
				for _, f := range sortedKeys(n.Archives) {
					out.WriteString(f + "\n")
				}
				return out.String(), "", 0
			}},
		{`^mkdir -p -- /var/cache/apt/archives && tar -x --no-same-owner -C /var/cache/apt/archives -f -$`, func(c provision.Command, _ []string) (string, string, int) {
			files, err := untar(c.Stdin)
			if err != nil {
				return "", "tar: " + err.Error() + "\n", 2
			}
			for name, content := range files {
				n.Archives[name] = content
			}
			n.Change("upload %d package file(s)", len(files))
			return "", "", 0
		}},
		{`^cd /var/cache/apt/archives 2>/dev/null && find \. -maxdepth 1 -type f -name '\*\.deb' -printf '%s ' -exec sha256sum \{\} \\; \|\| true$`,
			func(provision.Command, []string) (string, string, int) {
				var out strings.Builder
				for _, f := range sortedKeys(n.Archives) {
					fmt.Fprintf(&out, "%d %s  ./%s\n", len(n.Archives[f]), sum(n.Archives[f]), f)
				}
				return out.String(), "", 0
			}},
		{`^tar -c -C /var/cache/apt/archives -f - -- (.*)$`, func(_ provision.Command, m []string) (string, string, int) {
			files := map[string]string{}
			for _, f := range Words(m[1]) {
				files[f] = n.Archives[f]
			}
			b := tarOf(files)
			if n.CutStreamsAt > 0 && n.CutStreamsAt < len(b) {
				b = b[:n.CutStreamsAt]
			}
			return string(b), "", 0
		}},
		{`^\. /etc/os-release\necho "id=`, func(provision.Command, []string) (string, string, int) {
			lists := ""
			if len(n.Lists) > 0 {
				lists = sum(string(tarOf(n.Lists)))
			}
			return "id=" + n.ListsID() + "\nlists=" + lists + "\n", "", 0
		}},
		{`^\(cd /var/lib/apt/lists && find`, func(provision.Command, []string) (string, string, int) {
			return string(tarOf(n.Lists)), "", 0
		}},
		{`^find /var/lib/apt/lists -maxdepth 1 -type f ! -name lock -delete && tar -x --no-same-owner -C /var/lib/apt/lists -f -$`,
			func(c provision.Command, _ []string) (string, string, int) {
				files, err := untar(c.Stdin)
				if err != nil {
					return "", "tar: " + err.Error() + "\n", 2
				}
				n.Lists = files
				n.AptLists = len(files) > 0
				n.Change("upload apt lists")
				return "", "", 0
			}},
		{`^docker save -- (\S+)$`, func(_ provision.Command, m []string) (string, string, int) {
			ref := Unquote(m[1])
			if !n.Images[ref] {
				return "", "Error response from daemon: reference does not exist\n", 1
			}
			return ImageArchive(ref), "", 0
		}},
		{`^docker load$`, func(c provision.Command, _ []string) (string, string, int) {
			ref, ok := strings.CutPrefix(string(c.Stdin), "docker-save ")
			if !ok {
				return "", "open /var/lib/docker/tmp/docker-import: invalid tar header\n", 1
			}
			ref = strings.TrimSpace(ref)
			n.Images[ref] = true
			n.Change("docker load %s", ref)
			return "Loaded image: " + ref + "\n", "", 0
		}},
	}
}

// ImageArchive is what the simulated node's docker save prints for ref.
func ImageArchive(ref string) string { return "docker-save " + ref + "\n" }

// ListsID is the name the node's apt lists have in a cache: distribution,
// release, architecture and a hash of its apt source files.
func (n *Node) ListsID() string {
	var src strings.Builder
	for _, p := range sortedKeys(n.Files) {
		if strings.HasPrefix(p, "/etc/apt/sources.list") {
			src.WriteString(n.Files[p].Content)
		}
	}
	return "debian-bookworm-" + n.Arch + "-" + sum(src.String())[:16]
}

// fetchLists plays apt-get update writing the lists of the node's sources.
func (n *Node) fetchLists() {
	n.Lists = map[string]string{
		"mirror.example_debian_dists_bookworm_InRelease":                  "Suite: bookworm\n",
		"mirror.example_debian_dists_bookworm_main_binary-amd64_Packages": "Packages for " + n.ListsID() + "\n",
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// tarOf is files as one tar stream, the same for the same files.
func tarOf(files map[string]string) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, name := range sortedKeys(files) {
		_ = tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(files[name])), ModTime: time.Unix(0, 0), Typeflag: tar.TypeReg})
		_, _ = tw.Write([]byte(files[name]))
	}
	_ = tw.Close()
	return buf.Bytes()
}

// untar reads a whole tar stream, as tar -x does: a cut-off one fails.
func untar(b []byte) (map[string]string, error) {
	out := map[string]string{}
	tr := tar.NewReader(bytes.NewReader(b))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		out[strings.TrimPrefix(h.Name, "./")] = string(data)
	}
}
