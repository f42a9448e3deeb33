package provisiontest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

func TestFakeRules(t *testing.T) {
	f := provisiontest.New("master1")
	f.On(`^systemctl is-active`).Times(1).Stdout("inactive\n").Exit(3)
	f.On(`^systemctl is-active`).Stdout("active\n")
	var seen []byte
	f.On(`^cat >`).Do(func(c provision.Command) { seen = c.Stdin })
	f.On(`^reboot`).Fail(errors.New("connection reset by peer"))
	ctx := context.Background()

	res, err := f.Run(ctx, provision.Command{Cmd: "systemctl is-active zookeeper"})
	var ce *provision.CmdError
	if !errors.As(err, &ce) || ce.ExitCode != 3 || ce.Host != "master1" || string(res.Stdout) != "inactive\n" {
		t.Fatalf("first answer: %q, %v", res.Stdout, err)
	}
	if res, err := f.Run(ctx, provision.Command{Cmd: "systemctl is-active zookeeper"}); err != nil || string(res.Stdout) != "active\n" {
		t.Fatalf("second answer: %q, %v", res.Stdout, err)
	}
	if _, err := f.Run(ctx, provision.Command{Cmd: "cat > /etc/x", Stdin: []byte("data"), Sudo: true}); err != nil || string(seen) != "data" {
		t.Fatalf("side effect saw %q, %v", seen, err)
	}
	if _, err := f.Run(ctx, provision.Command{Cmd: "reboot"}); !errors.Is(err, provision.ErrConnectionLost) {
		t.Fatalf("want a lost connection, got %v", err)
	}
	res, err = f.Run(ctx, provision.Command{Cmd: "rm -rf /"})
	if res.ExitCode != provisiontest.NoRuleExit || err == nil {
		t.Fatalf("an unmatched command must fail, got %d, %v", res.ExitCode, err)
	}
	if u := f.Unmatched(); len(u) != 1 || u[0] != "rm -rf /" {
		t.Fatalf("unmatched %q", u)
	}
	if n := len(f.Commands()); n != 5 || !f.Commands()[2].Sudo {
		t.Fatalf("recorded %d commands: %+v", n, f.Commands())
	}
	if n := f.Count(`is-active`); n != 2 {
		t.Fatalf("Count = %d", n)
	}
}

func TestFakeHonoursCancellation(t *testing.T) {
	f := provisiontest.New("master1")
	f.On(`.`)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.Run(ctx, provision.Command{Cmd: "true"}); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
}
