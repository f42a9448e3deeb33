package provisiontest

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"

	"github.com/mesoslab/mesoslab/provision"
)

// handler pairs a command pattern with its answer.
type handler struct {
	pattern string
	fn      Handler
}

// debian lists the answers to the commands of the step engine and of the
// Debian tools recipes run as Shell steps.
func (n *Node) debian() []handler {
	return append(append(append(n.fileHandlers(), n.aptHandlers()...), n.unitHandlers()...), append(n.keyHandlers(), n.cacheHandlers()...)...)
}

// fileHandlers answer provision.File, provision.InPlaceFile, the host
// name, directories, links and users.
func (n *Node) fileHandlers() []handler {
	return []handler{
		{`(?s)^set -eo pipefail\np=(\S+)\nif \[ -L`, func(_ provision.Command, m []string) (string, string, int) {
			f, ok := n.Files[Unquote(m[1])]
			if !ok {
				return "absent\n", "", 0
			}
			return sum(f.Content) + "\n" + f.Mode + " " + f.Owner + " 0:0\n", "", 0
		}},
		{`(?s)^set -eo pipefail\nmkdir -p.*\nmv -fT -- "\$tmp" (\S+)\ntrap - EXIT\n$`, func(c provision.Command, m []string) (string, string, int) {
			mode := regexp.MustCompile(`chmod 0?(\d+) -- "\$tmp"`).FindStringSubmatch(c.Cmd)[1]
			owner := "root:root"
			if o := regexp.MustCompile(`chown (\S+) -- "\$tmp"`).FindStringSubmatch(c.Cmd); o != nil {
				owner = Unquote(o[1])
			}
			path := Unquote(m[1])
			n.Files[path] = File{Content: string(c.Stdin), Mode: mode, Owner: owner}
			n.Change("write %s", path)
			return "", "", 0
		}},
		{`^\[ "\$\(sha256sum < (\S+) 2>/dev/null \| cut -d' ' -f1\)" = ([0-9a-f]{64}) \]$`, func(_ provision.Command, m []string) (string, string, int) {
			f, ok := n.Files[Unquote(m[1])]
			return "", "", exit(ok && sum(f.Content) == m[2])
		}},
		{`^cat > (\S+) && chmod 0644 (\S+)$`, func(c provision.Command, m []string) (string, string, int) {
			n.SetFile(Unquote(m[1]), string(c.Stdin))
			n.Change("write %s in place", Unquote(m[1]))
			return "", "", 0
		}},
		{`^\[ "\$\(hostname\)" = (\S+) \]$`, func(_ provision.Command, m []string) (string, string, int) {
			return "", "", exit(n.Hostname == Unquote(m[1]))
		}},
		{`^hostname (\S+)$`, func(_ provision.Command, m []string) (string, string, int) {
			n.Hostname = Unquote(m[1])
			n.Change("hostname %s", n.Hostname)
			return "", "", 0
		}},
		{`^test -d (\S+)$`, func(_ provision.Command, m []string) (string, string, int) {
			_, ok := n.Dirs[Unquote(m[1])]
			return "", "", exit(ok)
		}},
		{`^\[ "\$\(stat -c %U:%G:%a -- (\S+) 2>/dev/null\)" = (\S+) \]$`, func(_ provision.Command, m []string) (string, string, int) {
			d, ok := n.Dirs[Unquote(m[1])]
			return "", "", exit(ok && d.Owner+":"+d.Mode == Unquote(m[2]))
		}},
		{`^install -d (?:-o (\S+) )?(?:-g (\S+) )?(?:-m 0?(\d+) )?-- (\S+)$`, func(_ provision.Command, m []string) (string, string, int) {
			d := Dir{Owner: "root:root", Mode: "755"}
			if m[1] != "" || m[2] != "" {
				d.Owner = or(Unquote(m[1]), "root") + ":" + or(Unquote(m[2]), "root")
			}
			d.Mode = or(m[3], d.Mode)
			n.Dirs[Unquote(m[4])] = d
			n.Change("mkdir %s", Unquote(m[4]))
			return "", "", 0
		}},
		{`^\[ "\$\(readlink -- (\S+)\)" = (\S+) \]$`, func(_ provision.Command, m []string) (string, string, int) {
			return "", "", exit(n.Links[Unquote(m[1])] == Unquote(m[2]))
		}},
		{`^ln -sfnT -- (\S+) (\S+)$`, func(_ provision.Command, m []string) (string, string, int) {
			n.Links[Unquote(m[2])] = Unquote(m[1])
			n.Change("link %s", Unquote(m[2]))
			return "", "", 0
		}},
		{`^id -u (\S+) >/dev/null 2>&1$`, func(_ provision.Command, m []string) (string, string, int) {
			return "", "", exit(n.Users[Unquote(m[1])])
		}},
		{`^useradd --system .* (\S+)$`, func(_ provision.Command, m []string) (string, string, int) {
			n.Users[Unquote(m[1])] = true
			n.Change("useradd %s", Unquote(m[1]))
			return "", "", 0
		}},
	}
}

// Unquote reads one shell word as provision.Quote writes it.
func Unquote(s string) string {
	if len(s) >= 2 && strings.HasPrefix(s, "'") && strings.HasSuffix(s, "'") {
		return strings.ReplaceAll(s[1:len(s)-1], `'\''`, "'")
	}
	return s
}

// Words splits a list of words as provision.QuoteAll writes it.
func Words(s string) []string {
	var out []string
	for _, w := range regexp.MustCompile(`'(?:[^']|'\\'')*'|\S+`).FindAllString(s, -1) {
		out = append(out, Unquote(w))
	}
	return out
}

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func exit(ok bool) int {
	if ok {
		return 0
	}
	return 1
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
