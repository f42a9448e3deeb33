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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newApp(streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, LookupEnv: os.LookupEnv}).RunContext(ctx, os.Args)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}
