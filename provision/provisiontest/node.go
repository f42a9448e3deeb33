package provisiontest

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
)

// Node is a simulated Debian 12 node for recipe and step tests. It answers
// the commands the step engine sends (files, packages, units, apt sources,
// images, users, directories, links, the host name) from a model of the
// node held in its exported fields, and changes the model as the command
// would on a real node. One model so answers a fresh node, a converged
// node and a node edited by hand alike: a test sets the fields, provisions,
// and reads the fields and the commands the Fake recorded.
//
// What only one component sends (probes, downloads, the resolver's files)
// a test answers with Handle, from the same model. A command that no
// handler knows fails the test, listed with every other unknown command,
// unless AllowUnknown is set.
//
// The fields are not guarded: a test reads and writes them between runs,
// and handlers and hooks run with the node's lock held, so they change the
// fields directly and never call Provision.
type Node struct {
	*Fake
	t  testing.TB
	mu sync.Mutex

	// Name is the node's name in the plans Provision runs.
	Name string
	// Hostname is the running host name (hostname(1)).
	Hostname string
	// Files holds the regular files by absolute path.
	Files map[string]File
	// Links maps a symbolic link's path to its target.
	Links map[string]string
	// Dirs holds the directories the tests care about by path.
	Dirs map[string]Dir
	// Users lists the accounts useradd created.
	Users map[string]bool
	// Packages maps each installed package to its version.
	Packages map[string]string
	// Known, when not nil, maps each package apt can install to the
	// version it installs: a package outside it is "Unable to locate
	// package". When nil apt installs any package, at the version pinned
	// or else DefaultVersion.
	Known map[string]string
	// Repos holds the apt sources a test offers, by the path of their
	// sources.list.d file: once that file exists, apt-get update adds
	// what they offer to Known.
	Repos map[string]*Repo
	// OnInstall runs a package's postinst, by package name, after apt
	// installs it: Debian packages start their services at once.
	OnInstall map[string]func()
	// OnRestart runs after a unit restarts, by unit name, so a service can
	// reread its files.
	OnRestart map[string]func()
	// Units holds the systemd units by name, without ".service". A unit
	// file under /etc/systemd/system makes a unit too, disabled and
	// inactive.
	Units map[string]*Unit
	// Restarts counts each unit's restarts.
	Restarts map[string]int
	// AptFresh says the apt stamp is younger than provision.AptMaxAge, and
	// AptLists that the lists hold a Packages index.
	AptFresh, AptLists bool
	// Arch is what dpkg --print-architecture prints.
	Arch string
	// Now is the node's clock, in Unix seconds, as date +%s prints it.
	Now int64
	// URLs are what curl fetches, by URL; any other URL is a 404.
	URLs map[string]URL
	// Keys maps an armored OpenPGP key to its gpg --with-colons listing;
	// gpg reads no other key.
	Keys map[string]string
	// Images lists the Docker images on the node.
	Images map[string]bool
	// PullErr maps an image to the stderr of its failing docker pull.
	PullErr map[string]string
	// Archives holds the package files in /var/cache/apt/archives by file
	// name (see DebFile); apt installs from them and keeps what it
	// downloads there.
	Archives map[string]string
	// Downloads lists, in order, the package files apt fetched from a
	// mirror: one per Get: line a real apt would print.
	Downloads []string
	// Lists holds the files of /var/lib/apt/lists by name; apt-get update
	// writes them for the node's sources.
	Lists map[string]string
	// CutStreamsAt, when positive, cuts every tar stream of package files
	// the node sends back after that many bytes, as a dropped transfer
	// would (a tar header is 512 bytes; the data follows).
	CutStreamsAt int
	// AllowUnknown makes a command no handler knows exit NoRuleExit and be
	// listed by Unmatched, without failing the test.
	AllowUnknown bool

	changes []string
}

// DefaultVersion is the version apt installs of a package that Known does
// not list and the command does not pin.
const DefaultVersion = "1.0-1"

// File is a regular file on the node.
type File struct {
	Content string
	Mode    string // octal permission bits, as stat %a prints them: "644"
	Owner   string // user:group
}

// Dir is a directory on the node.
type Dir struct {
	Owner string // user:group
	Mode  string // octal, as stat %a prints it: "755"
}

// Unit is a systemd unit's state.
type Unit struct{ Enabled, Active bool }

// URL is what curl gets from a URL: a body, or a curl exit status.
type URL struct {
	Body string
	Exit int
}

// Repo is an apt source: what its lists offer once fetched, and what an
// apt-get update of it alone prints on stderr and exits with when it fails.
type Repo struct {
	Offers map[string]string
	Stderr string
	Exit   int
}

// Handler answers one kind of command with what it prints and its exit
// code; m holds the matches of its pattern's groups.
type Handler func(c provision.Command, m []string) (stdout, stderr string, exit int)

// NewNode returns a node as Vagrant leaves it, called name: its host name
// set, nothing installed, amd64, its clock at 2026-11-24. At the end of the
// test it fails t with every command no handler knew.
func NewNode(t testing.TB, name string) *Node {
	n := &Node{
		Fake: New(name), t: t, Name: name, Hostname: name,
		Files: map[string]File{"/etc/hostname": {Content: name + "\n", Mode: "644", Owner: "root:root"}},
		Links: map[string]string{}, Dirs: map[string]Dir{}, Users: map[string]bool{},
		Packages: map[string]string{}, Repos: map[string]*Repo{},
		OnInstall: map[string]func(){}, OnRestart: map[string]func(){},
		Units: map[string]*Unit{}, Restarts: map[string]int{},
		Arch: "amd64", Now: 1795600000,
		URLs: map[string]URL{}, Keys: map[string]string{}, Images: map[string]bool{}, PullErr: map[string]string{},
		Archives: map[string]string{}, Lists: map[string]string{},
	}
	for _, h := range n.debian() {
		n.Handle(h.pattern, h.fn)
	}
	t.Cleanup(func() {
		if u := n.Unmatched(); len(u) > 0 && !n.AllowUnknown {
			t.Errorf("%s: the simulated node knows no answer to %d command(s):\n%s", name, len(u), strings.Join(u, "\n---\n"))
		}
	})
	return n
}

// Handle answers the commands that match the regular expression pattern
// with fn, under the node's lock. Handlers are tried after the Debian ones
// and in the order added.
func (n *Node) Handle(pattern string, fn Handler) {
	re := regexp.MustCompile(pattern)
	n.On(pattern).Func(func(_ context.Context, c provision.Command) (provision.Result, error) {
		n.mu.Lock()
		stdout, stderr, code := fn(c, re.FindStringSubmatch(c.Cmd))
		n.mu.Unlock()
		res := provision.Result{Stdout: []byte(stdout), Stderr: []byte(stderr), ExitCode: code}
		if code != 0 {
			return res, n.ExitError(c, res)
		}
		return res, nil
	})
}

// Provision runs steps on the node as the one target of one phase of a
// real provision.Run.
func (n *Node) Provision(steps []provision.Step) (provision.Report, error) {
	plan := provision.Plan{{Name: "test", Targets: []provision.Target{{Node: n.Name, Runner: n, Steps: steps}}}}
	return provision.Run(context.Background(), plan, provision.Options{})
}
