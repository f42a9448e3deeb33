// Package health probes a running lab: the ZooKeeper ensemble, the Mesos
// masters and agents, Marathon, Chronos and Mesos-DNS on the masters.
//
// A Prober takes the lab's addresses as a Target and answers a Report: one
// Check per probe, each with a one-line finding and the command that helps
// fix it, plus the facts `mesoslab status` shows (ZooKeeper modes, the Mesos
// leader, registered agents, frameworks). Probes run concurrently, each under
// its own timeout, and never follow a Mesos redirect: a leader's advertised
// hostname need not resolve on the host, so it is mapped back to the
// address the lab planned for that node.
//
// The services are read with package stack's clients and parsers; health
// keeps only the grading. The HTTP client and the dial function are fields
// of Prober, so tests point every probe at stacktest's fakes on loopback.
package health
