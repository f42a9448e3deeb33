// Command mesoslab stands up a highly available Apache Mesos lab on a
// laptop with Vagrant: VirtualBox VMs, or systemd containers with Docker.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	s := streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, LookupEnv: os.LookupEnv, hard: &hardStop{}}
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first interrupt cancels: children get one SIGINT and clean up.
		<-sigs
		fmt.Fprintln(os.Stderr, "\nmesoslab: interrupted; letting Vagrant clean up (press Ctrl-C again to kill)")
		cancel()
		<-sigs
		s.hard.killAll()
		os.Exit(exitInterrupted)
	}()
	err := runApp(ctx, s, os.Args)
	cancel()
	os.Exit(exitCode(err, os.Stderr))
}
