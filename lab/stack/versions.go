package stack

// The oldest builds of the stack's parts that work in the lab. Validation
// refuses a pinned version older than these before any machine is built,
// and provisioning checks what a node really installed, since an unpinned
// package takes whatever its repository's suite holds.
const (
	// AventerMesosPackage is AVENTER's Mesos package, whose versions these
	// minimums number; another package (sources.mesos.package) numbers
	// its own.
	AventerMesosPackage = "aventer-mesos"
	// MinAventerMesos is the oldest aventer-mesos the lab runs on, a
	// Debian version. AVENTER's changelog: 0.6.0 made cgroup v2 the only
	// cgroup support, and 0.7.1 fixed the Mesos data path, which was set
	// wrongly when building for Debian 11 and 12 (the lab's debian-12 box).
	MinAventerMesos = "1.11.0-0.7.1"
	// MinMesosDNS is the oldest Mesos-DNS that reads a Mesos 1.8 or later
	// master: from v0.7.0-rc1 on it polls /master/state (mesos-dns commit
	// a274e0d); before, /master/state.json, which Mesos 1.8 removed.
	MinMesosDNS = "0.7.0-rc1"
)
