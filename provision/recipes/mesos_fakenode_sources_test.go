package recipes

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
)

// sourceHandlers answer the commands that reach the lab's sources: the apt
// key, images, the Mesos-DNS release, and the node's resolver files.
var sourceHandlers = []handler{
	on(`^echo "source=\$\(cat -- (\S+) 2>/dev/null\)"\n\[ -s (\S+) \] \|\| exit 0\n`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		out := "source=" + strings.TrimSuffix(f.files[unquote(m[1])].content, "\n") + "\n"
		if key, ok := f.files[unquote(m[2])]; ok {
			out += fmt.Sprint(f.now) + "\n" + f.keys[key.content]
		}
		return out, "", 0
	}),
	on(`^curl -fsSL --retry 2 --connect-timeout 10 --max-time 30 -- (\S+)$`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		u, ok := f.urls[unquote(m[1])]
		if !ok {
			return "", "curl: (22) The requested URL returned error: 404\n", 22
		}
		if u.exit != 0 {
			return "", fmt.Sprintf("curl: (%d) failed\n", u.exit), u.exit
		}
		return u.body, "", 0
	}),
	on(`^date \+%s\nh=\$\(mktemp -d\)\n[\s\S]*--with-colons$`, func(f *fakeNode, c provision.Command, _ []string) (string, string, int) {
		colons, ok := f.keys[string(c.Stdin)]
		if !ok {
			return fmt.Sprint(f.now) + "\n", "gpg: no valid OpenPGP data found.\n", 2
		}
		return fmt.Sprint(f.now) + "\n" + colons, "", 0
	}),
	on(`^docker image inspect (\S+) >/dev/null 2>&1$`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		return "", "", exit(f.images[unquote(m[1])])
	}),
	on(`^docker pull (\S+)$`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		image := unquote(m[1])
		if stderr, bad := f.pullErr[image]; bad {
			return "", stderr, 1
		}
		f.images[image] = true
		f.change("docker pull %s", image)
		return "", "", 0
	}),
	on(`^echo "arch=\$\(dpkg --print-architecture\)"\necho "source=\$\(cat -- (\S+) 2>/dev/null\)"\nif v=\$\((\S+) -version 2>&1\)`,
		func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
			out := "arch=" + f.arch + "\nsource=" + strings.TrimSuffix(f.files[unquote(m[1])].content, "\n") + "\n"
			if v, ok := f.runs(unquote(m[2])); ok {
				out += "version=" + v + "\n"
			}
			return out, "", 0
		}),
	on(`^dpkg --print-architecture$`, func(f *fakeNode, _ provision.Command, _ []string) (string, string, int) {
		return f.arch + "\n", "", 0
	}),
	on(`^curl -fsSL --retry 2 --connect-timeout 20 --max-time 600 --create-dirs -o (\S+) -- (\S+) \|\|`,
		func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
			u, ok := f.urls[unquote(m[2])]
			switch {
			case !ok:
				return "", "curl: (22) The requested URL returned error: 404\n", 22
			case u.exit != 0:
				return "", fmt.Sprintf("curl: (%d) failed\n", u.exit), u.exit
			}
			f.files[unquote(m[1])] = fakeFile{content: u.body, mode: "644", owner: "root:root"}
			f.change("download %s", unquote(m[2]))
			return "", "", 0
		}),
	on(`^chmod 0755 -- (\S+)\n\S+ -version 2>&1 \|\| \{ rm -f -- \S+; exit 1; \}$`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		tmp := unquote(m[1])
		if v, ok := f.runs(tmp); ok {
			return v + "\n", "", 0
		}
		delete(f.files, tmp)
		return "bash: " + tmp + ": cannot execute binary file: Exec format error\n", "", 1
	}),
	on(`^mv -fT -- (\S+) (\S+)$`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		from, to := unquote(m[1]), unquote(m[2])
		f.files[to] = f.files[from]
		delete(f.files, from)
		f.change("install %s", to)
		return "", "", 0
	}),
	on(`^etc=(\S+) run=(\S+) d=\S+\nif systemctl is-active --quiet systemd-resolved`, func(f *fakeNode, _ provision.Command, m []string) (string, string, int) {
		if f.resolved {
			return "mode=resolved\n" + f.files[unquote(m[2])].content, "", 0
		}
		return "mode=file\n" + f.files[unquote(m[1])].content, "", 0
	}),
	on(`^set -e\n\[ ! -L (\S+) \] \|\| rm -f -- \S+\ncat > \S+\nchmod 0644 -- \S+\nchown (\S+) -- \S+$`, func(f *fakeNode, c provision.Command, m []string) (string, string, int) {
		f.files[unquote(m[1])] = fakeFile{content: string(c.Stdin), mode: "644", owner: unquote(m[2])}
		f.change("write %s in place", unquote(m[1]))
		return "", "", 0
	}),
}

// runs reports whether the file at path runs on the node and what its
// -version prints: a download runs when it was built for the node's arch.
func (f *fakeNode) runs(path string) (string, bool) {
	file, ok := f.files[path]
	if !ok || !strings.HasSuffix(file.content, " "+f.arch) {
		return "", false
	}
	v, ok := f.binaries[file.content]
	return v, ok
}

// useResolved makes the node a systemd-resolved box: its stub serves
// /etc/resolv.conf and the real upstream is in /run/systemd/resolve.
func (f *fakeNode) useResolved() {
	f.resolved = true
	f.units["systemd-resolved"] = &fakeUnit{enabled: true, active: true}
	f.files["/etc/resolv.conf"] = fakeFile{content: "nameserver 127.0.0.53\noptions edns0 trust-ad\n", mode: "644", owner: "root:root"}
	f.files["/run/systemd/resolve/resolv.conf"] = fakeFile{content: "nameserver 10.0.2.3\n", mode: "644", owner: "root:root"}
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// testKeys maps each test key to its listing by gpg --show-keys
// --with-colons; TestKeyListingsAreGPGs proves the listings against gpg.
func testKeys(t *testing.T) map[string]string {
	keys := map[string]string{}
	for _, name := range []string{"valid", "expired", "subkey-expired"} {
		keys[readKey(t, "aptrepo-key-"+name+".asc")] = readKey(t, "aptrepo-key-"+name+".colons")
	}
	return keys
}

// readKey reads a test signing key or its listing; they live with the
// SignedRepo step in provision's testdata.
func readKey(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
