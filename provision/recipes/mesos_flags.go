package recipes

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/mesoslab/mesoslab/provision"
)

// mesosZKFile returns the step of /etc/mesos/zk, the lab's ZooKeeper URL
// of Mesos. The daemons do not read it, the drop-in's MESOS_ZK and
// MESOS_MASTER do the work; but the flag files of the Mesos packaging
// (mesos-master's ZK=`cat /etc/mesos/zk`, mesos-agent's MASTER=...) read
// it, and mesos-init-wrapper runs under errexit, so a package that brought
// them would find the lab's URL rather than fail on a missing file.
func mesosZKFile(c Cluster) provision.Step {
	return provision.File(provision.FileSpec{
		Path: "/etc/mesos/zk", Content: []byte(c.ZooKeeperURL("mesos") + "\n"), Mode: 0o644, Owner: "root:root",
	})
}

// flagSources are the files mesos-init-wrapper (support/packaging/common/
// mesos-init-wrapper.in in AVENTER's tree) reads for a daemon: it sources
// the environment files, turning ZK, MASTER, IP, PORT, CLUSTER, LOGS and
// ISOLATION into command-line flags, and passes every file of the flag
// directories as --NAME=CONTENT (a file named ?NAME as --NAME). Stout
// gives a command-line flag precedence over its MESOS_* variable.
var flagSources = map[string]struct{ envFiles, flagDirs []string }{
	"mesos-master": {
		envFiles: []string{"/etc/default/mesos", "/etc/default/mesos-master"},
		flagDirs: []string{"/etc/mesos-master"},
	},
	"mesos-agent": {
		envFiles: []string{"/etc/default/mesos", "/etc/default/mesos-agent"},
		flagDirs: []string{"/etc/mesos-agent", "/etc/mesos-agent/attributes", "/etc/mesos-agent/resources"},
	},
}

// flagFilesStep refuses flags for a Mesos daemon from anywhere but
// mesoslab's drop-in. The aventer-mesos deb ships none of the wrapper's
// files today; mesoslab writes none either, so whatever is there came
// from a later package or from a person, and would silently beat the
// lab's flags. Check passes when the files hold no setting; Apply changes
// nothing and fails with the files and what they hold.
type flagFilesStep struct {
	unit   string // mesos-master or mesos-agent
	dropIn string // the drop-in the files would override
	root   string // prefix of every path; "" on a node, a directory in tests
}

func (s *flagFilesStep) Name() string {
	return "no flag files for " + s.unit + " beside mesoslab's drop-in"
}

// script prints each setting of the environment files as "PATH: LINE"
// (comments and blank lines set nothing) and each file of the flag
// directories as "PATH", skipping the dpkg and rpm leftovers the wrapper
// skips too.
func (s *flagFilesStep) script() string {
	src := flagSources[s.unit]
	var b strings.Builder
	for _, f := range src.envFiles {
		p := provision.Quote(s.root + f)
		fmt.Fprintf(&b, "[ ! -f %s ] || grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' -- %s | sed 's|^|%s: |'\n", p, p, f)
	}
	for _, d := range src.flagDirs {
		p := provision.Quote(s.root + d)
		fmt.Fprintf(&b, "[ ! -d %s ] || find %s -maxdepth 1 -type f ! -name '*.dpkg-dist' ! -name '*.rpmnew' -print | sort\n", p, p)
	}
	b.WriteString("exit 0")
	return b.String()
}

// findings runs the script and returns what it found, by path.
func (s *flagFilesStep) findings(ctx context.Context, r provision.Runner) (map[string][]string, error) {
	res, err := r.Run(ctx, provision.Command{Cmd: s.script(), Sudo: true})
	if err != nil {
		return nil, err
	}
	found := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(res.Stdout)), "\n") {
		if line == "" {
			continue
		}
		path, setting, _ := strings.Cut(strings.TrimPrefix(line, s.root), ": ")
		found[path] = append(found[path], setting)
	}
	return found, nil
}

func (s *flagFilesStep) Check(ctx context.Context, r provision.Runner) (bool, error) {
	found, err := s.findings(ctx, r)
	return len(found) == 0, err
}

func (s *flagFilesStep) Apply(ctx context.Context, r provision.Runner) error {
	found, err := s.findings(ctx, r)
	if err != nil {
		return err
	}
	paths := make([]string, 0, len(found))
	for p := range found {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var b strings.Builder
	fmt.Fprintf(&b, "%s would not run with the lab's flags alone: mesos-init-wrapper sources the /etc/default files "+
		"(and makes command-line flags of ZK, MASTER, IP, PORT, CLUSTER, LOGS and ISOLATION there) and passes each file "+
		"of a flag directory as --NAME=CONTENT; both override the MESOS_* variables of %s:", s.unit, s.dropIn)
	for _, p := range paths {
		if settings := slices.DeleteFunc(found[p], func(v string) bool { return v == "" }); len(settings) > 0 {
			fmt.Fprintf(&b, "\n  %s sets %s", p, strings.Join(settings, "; "))
		} else {
			fmt.Fprintf(&b, "\n  %s becomes %s", p, flagOf(p))
		}
	}
	fmt.Fprintf(&b, "\nmesoslab wrote none of them: they came from a newer Mesos package or by hand; "+
		"fix: remove them (sudo rm -- %s on the node) and provision again", provision.QuoteAll(paths...))
	return errors.New(b.String())
}

// flagOf says which flag the wrapper makes of a file in a flag directory:
// its name (without the ? of a switch), or for the agent's attributes and
// resources directories, a part of --attributes or --resources.
func flagOf(file string) string {
	dir, name := path.Split(file)
	if list := path.Base(dir); list == "attributes" || list == "resources" {
		return "part of the --" + list + " flag"
	}
	return "a --" + strings.TrimPrefix(name, "?") + " flag"
}
