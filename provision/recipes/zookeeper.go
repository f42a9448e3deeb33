package recipes

import (
	"time"

	"github.com/mesoslab/mesoslab/provision"
)

// Where Debian 12's zookeeper package (3.8.0-11+deb12u2) keeps things.
// /etc/zookeeper/conf is an alternatives link to /etc/zookeeper/conf_example,
// whose zoo.cfg and myid are the package's conffiles, and the package ships
// /var/lib/zookeeper/myid as a link to /etc/zookeeper/conf/myid.
const (
	zkConfig = "/etc/zookeeper/conf/zoo.cfg"
	zkMyID   = "/etc/zookeeper/conf/myid"
	// zkDefaults is zookeeperd's conffile for local settings (JAVA_OPTS).
	zkDefaults = "/etc/default/zookeeper"
	zkDataDir  = "/var/lib/zookeeper"
	// zkUnit is mesoslab's own unit, in place of the one systemd
	// generates from zookeeperd's /etc/init.d/zookeeper: see zkUnitFile.
	zkUnit    = "/etc/systemd/system/zookeeper.service"
	zkService = "zookeeper"
)

// ZooKeeper returns the steps of a master's ZooKeeper, in order: a systemd
// unit, the package, the data directory, zoo.cfg, myid and the heap cap in
// /etc/default/zookeeper (the files are ZooKeeperFiles), the service enabled and running (restarted when any of
// those changed), and a last step that waits until the whole ensemble has a
// leader, so that the next phase finds a quorum. A node that is not a
// master gets no steps.
//
// The unit comes before the package on purpose: the package's postinst
// starts ZooKeeper only when no native unit exists, so on a fresh node
// ZooKeeper first starts with mesoslab's zoo.cfg, never with the package's
// example (standalone, data in /tmp).
func ZooKeeper(c Cluster, n Node) []provision.Step {
	if n.Role != RoleMaster {
		return nil
	}
	pkg := c.Sources.ZooKeeperPackage
	if pkg == "" {
		pkg = "zookeeperd"
	}
	files := ZooKeeperFiles(c, n)
	dataDir := provision.Shell(provision.ShellSpec{
		Name:  "zookeeper data directory " + zkDataDir,
		Check: `[ "$(stat -c %U:%G:%a -- ` + provision.Quote(zkDataDir) + ` 2>/dev/null)" = zookeeper:zookeeper:750 ]`,
		Apply: "install -d -o zookeeper -g zookeeper -m 0750 -- " + provision.Quote(zkDataDir),
	})
	unit := provision.File(provision.FileSpec{Path: zkUnit, Content: files[zkUnit], Mode: 0o644})
	config := provision.File(provision.FileSpec{Path: zkConfig, Content: files[zkConfig], Mode: 0o644})
	myid := provision.File(provision.FileSpec{Path: zkMyID, Content: files[zkMyID], Mode: 0o644})
	// A conffile of zookeeperd, like zoo.cfg: written after the package,
	// so dpkg installs its own first and never asks about a file it finds.
	defaults := provision.File(provision.FileSpec{Path: zkDefaults, Content: files[zkDefaults], Mode: 0o644})
	// ZooKeeper reads dataDir/myid. The package's link there is kept (an
	// upgrade would bring it back anyway) and repaired if it is missing.
	link := zkDataDir + "/myid"
	myidLink := provision.Shell(provision.ShellSpec{
		Name:  "zookeeper myid link " + link,
		Check: `[ "$(readlink -- ` + provision.Quote(link) + `)" = ` + provision.Quote(zkMyID) + " ]",
		Apply: "ln -sfnT -- " + provision.QuoteAll(zkMyID, link),
	})
	return []provision.Step{
		unit,
		provision.Package(provision.PackageSpec{Names: []string{provision.AptName(pkg, c.Sources.ZooKeeperVersion)}}),
		dataDir, config, myid, myidLink, defaults,
		provision.Service(provision.ServiceSpec{
			Name: zkService, Enabled: true, Running: true,
			RestartOn: []provision.Step{unit, dataDir, config, myid, myidLink, defaults},
		}),
		provision.Wait(provision.WaitSpec{
			Name:           "zookeeper ensemble with a leader",
			Probe:          ensembleProbe(c.Masters()),
			Timeout:        3 * time.Minute,
			Interval:       2 * time.Second,
			AttemptTimeout: 30 * time.Second,
		}),
	}
}
