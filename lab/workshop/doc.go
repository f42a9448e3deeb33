// Package workshop holds what a presenter shows with a running lab: a demo
// workload (a Marathon app on every agent, its stdout read through the Mesos
// agents' sandbox file API, a Chronos job, the Mesos-DNS records of the app),
// high-availability drills that stop the elected Mesos master, the ZooKeeper
// leader or a ZooKeeper majority and time the recovery, and the addresses of
// the components' web UIs.
//
// It drives the services with package stack's clients and talks to the lab
// through narrow seams so tests replace it with fakes: an *http.Client and a
// stack.DialFunc for the REST APIs and DNS, a
// ProbeFunc for the health probes of package health, a NodeShell for commands
// on nodes, and a Clock for waiting. Nothing prints: progress goes out as
// Event values, results come back as values the commands render.
package workshop
