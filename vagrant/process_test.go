//go:build unix

package vagrant

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/vagrant/internal/fakevagrant"
)

// upUntil runs Up master1 on f and cancels its context once the fake has
// printed "Creating the container" and stopped there, as a user's Ctrl-C
// would in the middle of a real up.
func upUntil(t *testing.T, f *fakeLab, afterCancel func()) (error, *collect) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var c collect
	err := f.cli.Up(ctx, "master1", "docker", func(e Event) {
		c.add(e)
		if e.Phase() == "creating container" {
			cancel()
			if afterCancel != nil {
				go afterCancel()
			}
		}
	})
	return err, &c
}

const pauseAtCreate = fakevagrant.EnvPause + "=up master1:Creating the container"

func TestCancelInterruptsOnceAndWaitsForCleanup(t *testing.T) {
	f := newFakeLab(t, time.Hour, pauseAtCreate)
	err, c := upUntil(t, f, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Up = %v, want an error wrapping context.Canceled", err)
	}
	var ve *Error
	if !errors.As(err, &ve) || ve.Kind != "Vagrant::Errors::VagrantInterrupt" || ve.ExitCode != 1 {
		t.Errorf("error = %#v, want vagrant's own VagrantInterrupt exit", err)
	}
	sigs := f.records("signal")
	if len(sigs) != 1 || sigs[0].Detail != "interrupt" {
		t.Errorf("vagrant got signals %+v, want exactly one SIGINT", sigs)
	}
	if len(f.records("cleanup-done")) != 1 || len(f.records("exit")) != 1 {
		t.Errorf("vagrant did not finish its cleanup and exit by itself: %+v", f.records(""))
	}
	var phases []string
	for _, e := range c.events {
		if p := e.Phase(); p != "" {
			phases = append(phases, p)
		}
	}
	if len(phases) == 0 || phases[len(phases)-1] != "cleaning up" {
		t.Errorf("phases = %q, want the cleanup vagrant announced last", phases)
	}
}

func TestCancelKillsTheGroupWhenGraceRunsOut(t *testing.T) {
	f := newFakeLab(t, 300*time.Millisecond, pauseAtCreate,
		fakevagrant.EnvOnSIGINT+"=ignore", fakevagrant.EnvGrandchild+"=1")
	err, _ := upUntil(t, f, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Up = %v, want an error wrapping context.Canceled", err)
	}
	var ve *Error
	if !errors.As(err, &ve) || ve.ExitCode != -1 {
		t.Errorf("error = %#v, want a killed vagrant (exit code -1)", err)
	}
	if n := len(f.records("signal")); n != 1 {
		t.Errorf("vagrant got %d signals before the kill, want 1 SIGINT", n)
	}
	if len(f.records("cleanup-done")) != 0 || len(f.records("exit")) != 0 {
		t.Errorf("vagrant exited by itself, the test proves nothing: %+v", f.records(""))
	}
	assertGone(t, f.records("grandchild"))
}

func TestKillEndsCleanupAtOnce(t *testing.T) {
	f := newFakeLab(t, time.Hour, pauseAtCreate,
		fakevagrant.EnvOnSIGINT+"=ignore", fakevagrant.EnvGrandchild+"=1")
	// A second Ctrl-C: kill once vagrant has had its SIGINT.
	err, _ := upUntil(t, f, func() {
		f.waitRecord("signal")
		f.cli.Kill()
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Up = %v, want an error wrapping context.Canceled", err)
	}
	if len(f.records("exit")) != 0 {
		t.Errorf("vagrant exited by itself, the test proves nothing: %+v", f.records(""))
	}
	assertGone(t, f.records("grandchild"))
	if err := f.cli.Halt(context.Background(), "master1"); !errors.Is(err, errKilled) {
		t.Errorf("Halt after Kill = %v, want errKilled", err)
	}
	if n := len(f.records("start")); n != 1 {
		t.Errorf("vagrant started %d times, want no start after Kill", n)
	}
}

func TestCancelledBeforeStart(t *testing.T) {
	f := newFakeLab(t, time.Minute)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := f.cli.Up(ctx, "master1", "docker", nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Up = %v, want context.Canceled", err)
	}
	if _, err := f.cli.Status(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Status = %v, want context.Canceled", err)
	}
	if n := len(f.records("start")); n != 0 {
		t.Errorf("vagrant started %d times", n)
	}
}

// assertGone checks that the processes vagrant started died with it.
func assertGone(t *testing.T, grandchildren []fakevagrant.Record) {
	t.Helper()
	if len(grandchildren) != 1 {
		t.Fatalf("grandchild records = %+v, want 1", grandchildren)
	}
	pid, err := strconv.Atoi(grandchildren[0].Detail)
	if err != nil {
		t.Fatalf("grandchild: %s", grandchildren[0].Detail)
	}
	for range 1000 {
		if !alive(pid) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("process %d that vagrant started outlived it", pid)
}

// alive reports whether pid runs; a zombie waiting for its reaper does not.
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if errors.Is(err, os.ErrNotExist) {
		if _, err := os.Stat("/proc/self/stat"); err != nil { // no procfs: ask the kernel
			return syscall.Kill(pid, 0) == nil
		}
		return false
	}
	if err != nil {
		return false
	}
	_, after, _ := strings.Cut(string(b), ") ")
	return !strings.HasPrefix(after, "Z")
}
