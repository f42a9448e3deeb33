package recipes

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// simNode is a scripted Debian node for the base, ZooKeeper and apt tests:
// rules of a provisiontest.Fake read and change a small model of the node
// (files, links, directories, packages, units), so one model answers a
// fresh node, a converged node and a node edited by hand alike. A command
// the model does not know falls through to the Fake's Unmatched list.
type simNode struct {
	*provisiontest.Fake
	mu        sync.Mutex
	hostname  string
	files     map[string]simFile
	links     map[string]string // path -> target
	dirs      map[string]string // path -> "user:group:mode"
	packages  map[string]string // name -> version
	units     map[string]*simUnit
	aptFresh  bool              // the stamp is younger than AptMaxAge
	aptLists  bool              // the lists hold a Packages index
	onInstall map[string]func() // a package's postinst
	// modes answers srvr for a member's address while zookeeper runs.
	modes    map[string]string
	restarts map[string]int
}

type simFile struct {
	content []byte
	mode    string // octal, as stat prints it
	owner   string // user:group
}

type simUnit struct{ enabled, active bool }

// newSimNode is a node as Vagrant leaves it: its name set, nothing else.
func newSimNode(name string) *simNode {
	s := &simNode{
		Fake:      provisiontest.New(name),
		hostname:  name,
		files:     map[string]simFile{"/etc/hostname": {content: []byte(name + "\n"), mode: "644", owner: "root:root"}},
		links:     map[string]string{},
		dirs:      map[string]string{},
		packages:  map[string]string{},
		units:     map[string]*simUnit{},
		onInstall: map[string]func(){},
		modes:     map[string]string{},
		restarts:  map[string]int{},
	}
	for _, r := range []struct {
		pattern string
		answer  func(m []string, c provision.Command) (string, int)
	}{
		{`(?s)^set -eo pipefail\np=(\S+)\nif \[ -L`, s.fileState},
		{`(?s)^set -eo pipefail\nmkdir -p.*\nchmod 0?(\d+) -- "\$tmp"\n(?:chown (\S+) -- "\$tmp"\n)?mv -fT -- "\$tmp" (\S+)\n`, s.fileWrite},
		{`^\[ "\$\(sha256sum < (\S+) 2>/dev/null \| cut -d' ' -f1\)" = ([0-9a-f]{64}) \]$`, s.hashIs},
		{`^cat > (\S+) && chmod 0644 (\S+)$`, s.writeInPlace},
		{`^\[ "\$\(hostname\)" = (\S+) \]$`, func(m []string, _ provision.Command) (string, int) { return "", s.exit(s.hostname == m[1]) }},
		{`^hostname (\S+)$`, func(m []string, _ provision.Command) (string, int) { s.hostname = m[1]; return "", 0 }},
		{`-mmin -60 2>/dev/null\)" && compgen -G`, func([]string, provision.Command) (string, int) { return "", s.exit(s.aptFresh && s.aptLists) }},
		{`^apt-get update -o DPkg::Lock::Timeout=\d+ && mkdir -p .* && touch -- (\S+)$`, func([]string, provision.Command) (string, int) { s.aptFresh, s.aptLists = true, true; return "", 0 }},
		{`^dpkg-query -W -f='\$\{db:Status-Abbrev\}\|\$\{Package\}\|\$\{Version\}\\n' -- (.+) 2>/dev/null \|\| true$`, s.dpkgQuery},
		{`^DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=\d+ -- (.+)$`, s.install},
		{`^\[ "\$\(stat -c %U:%G:%a -- (\S+) 2>/dev/null\)" = (\S+) \]$`, func(m []string, _ provision.Command) (string, int) { return "", s.exit(s.dirs[m[1]] == m[2]) }},
		{`^install -d -o (\S+) -g (\S+) -m 0?(\d+) -- (\S+)$`, func(m []string, _ provision.Command) (string, int) {
			s.dirs[m[4]] = m[1] + ":" + m[2] + ":" + m[3]
			return "", 0
		}},
		{`^\[ "\$\(readlink -- (\S+)\)" = (\S+) \]$`, func(m []string, _ provision.Command) (string, int) { return "", s.exit(s.links[m[1]] == m[2]) }},
		{`^ln -sfnT -- (\S+) (\S+)$`, func(m []string, _ provision.Command) (string, int) { s.links[m[2]] = m[1]; return "", 0 }},
		{`^echo "\$\(systemctl is-enabled (\S+) 2>/dev/null\)"; echo "\$\(systemctl is-active`, s.unitState},
		{`^systemctl daemon-reload((?: && systemctl \w+ \S+)*)$`, s.systemctl},
		{`^for a in (.+); do\n`, s.srvr},
	} {
		re := regexp.MustCompile(r.pattern)
		answer := r.answer
		s.On(r.pattern).Func(func(_ context.Context, c provision.Command) (provision.Result, error) {
			s.mu.Lock()
			out, code := answer(re.FindStringSubmatch(c.Cmd), c)
			s.mu.Unlock()
			res := provision.Result{Stdout: []byte(out), ExitCode: code}
			if code != 0 {
				return res, s.ExitError(c, res)
			}
			return res, nil
		})
	}
	return s
}

func (s *simNode) exit(ok bool) int {
	if ok {
		return 0
	}
	return 1
}

func (s *simNode) fileState(m []string, _ provision.Command) (string, int) {
	f, ok := s.files[m[1]]
	if !ok {
		return "absent\n", 0
	}
	sum := sha256.Sum256(f.content)
	return fmt.Sprintf("%s\n%s %s 0:0\n", hex.EncodeToString(sum[:]), f.mode, f.owner), 0
}

func (s *simNode) fileWrite(m []string, c provision.Command) (string, int) {
	owner := m[2]
	if owner == "" {
		owner = "root:root"
	}
	s.files[m[3]] = simFile{content: c.Stdin, mode: m[1], owner: owner}
	return "", 0
}

func (s *simNode) hashIs(m []string, _ provision.Command) (string, int) {
	f, ok := s.files[m[1]]
	sum := sha256.Sum256(f.content)
	return "", s.exit(ok && hex.EncodeToString(sum[:]) == m[2])
}

func (s *simNode) writeInPlace(m []string, c provision.Command) (string, int) {
	s.files[m[1]] = simFile{content: c.Stdin, mode: "644", owner: "root:root"}
	return "", 0
}

func (s *simNode) dpkgQuery(m []string, _ provision.Command) (string, int) {
	var b strings.Builder
	for _, name := range strings.Fields(m[1]) {
		if v, ok := s.packages[name]; ok {
			fmt.Fprintf(&b, "ii |%s|%s\n", name, v)
		}
	}
	return b.String(), 0
}

func (s *simNode) install(m []string, _ provision.Command) (string, int) {
	for _, p := range strings.Fields(m[1]) {
		name, version, _ := strings.Cut(strings.Trim(p, "'"), "=")
		if version == "" {
			version = "1.0-1"
		}
		s.packages[name] = version
		if hook := s.onInstall[name]; hook != nil {
			hook()
		}
	}
	return "", 0
}

func (s *simNode) unitState(m []string, _ provision.Command) (string, int) {
	u := s.units[m[1]]
	enabled, active := "", "inactive"
	switch {
	case u == nil:
		return "\ninactive\n", 0
	case u.enabled:
		enabled = "enabled"
	default:
		enabled = "disabled"
	}
	if u.active {
		active = "active"
	}
	return enabled + "\n" + active + "\n", 0
}

func (s *simNode) systemctl(m []string, _ provision.Command) (string, int) {
	for _, part := range strings.Split(strings.TrimPrefix(m[1], " && "), " && ") {
		f := strings.Fields(part) // systemctl VERB UNIT
		if len(f) != 3 {
			continue
		}
		u := s.units[f[2]]
		if u == nil {
			return "", 5 // systemctl: Unit not found.
		}
		switch f[1] {
		case "enable":
			u.enabled = true
		case "start":
			u.active = true
		case "restart":
			u.active = true
			s.restarts[f[2]]++
		}
	}
	return "", 0
}

// srvr answers the ensemble probe: a member answers its mode while the
// local zookeeper runs, as if the ensemble formed the moment it started.
func (s *simNode) srvr(m []string, _ provision.Command) (string, int) {
	var b strings.Builder
	zk := s.units[zkService]
	for _, a := range strings.Fields(m[1]) {
		b.WriteString(memberMarker + a + "\n")
		mode, ok := s.modes[a]
		switch {
		case zk == nil || !zk.active:
			b.WriteString("bash: connect: Connection refused\nbash: line 1: /dev/tcp/" + a + "/2181: Connection refused\n")
		case !ok:
			b.WriteString("This ZooKeeper instance is not currently serving requests\n")
		default:
			fmt.Fprintf(&b, "Zookeeper version: 3.8.0\nLatency min/avg/max: 0/0.0/0\nMode: %s\nNode count: 5\n", mode)
		}
		b.WriteString("\n")
	}
	return b.String(), 0
}

// file returns a file's content on the node.
func (s *simNode) file(path string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[path]
	return f.content, ok
}

// setFile puts a file on the node, as a package or a person would.
func (s *simNode) setFile(path, content string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[path] = simFile{content: []byte(content), mode: "644", owner: "root:root"}
}

// changingCommand matches every command that changes a node; a converged
// node must receive none of them.
var changingCommand = regexp.MustCompile(`(?m)(^cat > |mv -fT|^hostname |apt-get (update|install)|^install -d|^ln -s|systemctl (daemon-reload|enable|disable|start|stop|restart)|touch )`)

// fileApply matches provision.File's upload script, which changingCommands
// shortens to "write PATH".
var fileApply = regexp.MustCompile(`(?s)^set -eo pipefail\nmkdir -p.*\nmv -fT -- "\$tmp" (\S+)\n`)

// changingCommands lists the commands a node received that change it, in
// order.
func (s *simNode) changingCommands() []string {
	var out []string
	for _, c := range s.CommandLines() {
		if m := fileApply.FindStringSubmatch(c); m != nil {
			out = append(out, "write "+m[1])
		} else if changingCommand.MatchString(c) {
			out = append(out, c)
		}
	}
	return out
}

// run runs steps on the node as one phase of a real provision.Run.
func (s *simNode) run(steps []provision.Step) (provision.Report, error) {
	plan := provision.Plan{{Name: "test", Targets: []provision.Target{{Node: "sim", Runner: s, Steps: steps}}}}
	return provision.Run(context.Background(), plan, provision.Options{})
}

// outcomes maps each step's name to its outcome in rep.
func outcomes(rep provision.Report) map[string]provision.Outcome {
	out := map[string]provision.Outcome{}
	for _, r := range rep.Results {
		out[r.Step] = r.Outcome
	}
	return out
}
