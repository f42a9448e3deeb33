package lab

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestLockIsExclusiveAndNamesTheHolder(t *testing.T) {
	d := Dir{Root: t.TempDir()}
	first, err := AcquireLock(d, "ci", "mesoslab up")
	if err != nil {
		t.Fatal(err)
	}
	_, err = AcquireLock(d, "ci", "mesoslab destroy")
	var le *LockedError
	if !errors.As(err, &le) || le.PID != os.Getpid() || !strings.Contains(err.Error(), "mesoslab up") {
		t.Fatalf("second lock: %v", err)
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	again, err := AcquireLock(d, "ci", "mesoslab up")
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again.Release()
}

// TestLockOfADeadProcessIsTakenOver holds the lock in a child process that
// is then killed, as a SIGKILLed mesoslab would leave it.
func TestLockOfADeadProcessIsTakenOver(t *testing.T) {
	flockBin, err := exec.LookPath("flock")
	if err != nil {
		t.Skip("skipped: flock(1) from util-linux is not installed")
	}
	d := Dir{Root: t.TempDir()}
	if err := os.WriteFile(d.Lock(), []byte("999999 mesoslab up\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// -o: the lock belongs to flock itself, not to sleep, so killing flock
	// is a holder dying.
	cmd := exec.Command(flockBin, "-o", d.Lock(), "sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the child holds it, bounded.
	for i := 0; ; i++ {
		l, err := AcquireLock(d, "ci", "probe")
		if err != nil {
			break
		}
		l.Release()
		if i == 3000 {
			t.Fatal("the child never took the lock")
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	if _, err := AcquireLock(d, "ci", "mesoslab up"); err == nil {
		t.Fatal("lock taken while a live process holds it")
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	l, err := AcquireLock(d, "ci", "mesoslab up")
	if err != nil {
		t.Fatalf("the dead holder's lock was not taken over: %v", err)
	}
	l.Release()
}
