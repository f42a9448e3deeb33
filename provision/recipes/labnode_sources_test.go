package recipes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
)

// sourceHandlers answer the Mesos-DNS release: the look at the installed
// binary, its download, the check that it runs here and its install.
var sourceHandlers = []labHandler{
	{`^echo "arch=\$\(dpkg --print-architecture\)"\necho "source=\$\(cat -- (\S+) 2>/dev/null\)"\nif v=\$\((\S+) -version 2>&1\)`,
		func(f *labNode, _ provision.Command, m []string) (string, string, int) {
			out := "arch=" + f.Arch + "\nsource=" + strings.TrimSuffix(f.Files[unquote(m[1])].Content, "\n") + "\n"
			if v, ok := f.runs(unquote(m[2])); ok {
				out += "version=" + v + "\n"
			}
			return out, "", 0
		}},
	{`^curl -fsSL --retry 2 --connect-timeout 20 --max-time 600 --create-dirs -o (\S+) -- (\S+) \|\|`,
		func(f *labNode, _ provision.Command, m []string) (string, string, int) {
			body, stderr, code := f.Get(unquote(m[2]))
			if code != 0 {
				return "", stderr, code
			}
			f.SetFile(unquote(m[1]), body)
			f.Change("download %s", unquote(m[2]))
			return "", "", 0
		}},
	{`^chmod 0755 -- (\S+)\n\S+ -version 2>&1 \|\| \{ rm -f -- \S+; exit 1; \}$`, func(f *labNode, _ provision.Command, m []string) (string, string, int) {
		tmp := unquote(m[1])
		if v, ok := f.runs(tmp); ok {
			return v + "\n", "", 0
		}
		delete(f.Files, tmp)
		return "bash: " + tmp + ": cannot execute binary file: Exec format error\n", "", 1
	}},
	{`^mv -fT -- (\S+) (\S+)$`, func(f *labNode, _ provision.Command, m []string) (string, string, int) {
		from, to := unquote(m[1]), unquote(m[2])
		f.Files[to] = f.Files[from]
		delete(f.Files, from)
		f.Change("install %s", to)
		return "", "", 0
	}},
}

// runs reports whether the file at path runs on the node and what its
// -version prints: a download runs when it was built for the node's arch.
func (f *labNode) runs(path string) (string, bool) {
	file, ok := f.Files[path]
	if !ok || !strings.HasSuffix(file.Content, " "+f.Arch) {
		return "", false
	}
	v, ok := f.binaries[file.Content]
	return v, ok
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
