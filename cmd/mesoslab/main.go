// Command mesoslab stands up a highly available Apache Mesos lab on a
// laptop with Vagrant: VirtualBox VMs, or systemd containers with Docker.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	s := streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, LookupEnv: os.LookupEnv, hard: &hardStop{}}
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	terminated := onSignals(sigs, cancel, s.hard, os.Stderr, terminateBound, os.Exit)
	err := runApp(ctx, s, os.Args)
	cancel()
	code := exitCode(err, os.Stderr)
	if terminated() {
		code = exitTerminated
	}
	os.Exit(code)
}
