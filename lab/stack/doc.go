// Package stack holds the clients of the Mesos stack's services: ZooKeeper's
// four-letter words, the Mesos master and agent, Marathon, Chronos and
// Mesos-DNS, with the wire types they answer in, the one HTTP helper they
// share, the one table of the ports the lab runs them on, and the oldest
// versions of them the lab works with.
//
// It decides nothing about health: package health grades what these
// clients read, package workshop drives the services with them, and the
// recipes' waits parse with them. It imports neither lab nor provision, so
// every one of those may import it. Package stacktest serves fakes of the
// same services, each payload naming its upstream source.
package stack
