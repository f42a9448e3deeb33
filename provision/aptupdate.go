package provision

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// AptStamp is the file whose modification time says when mesoslab last
// refreshed a node's package lists. apt's own lists cannot say it: apt keeps
// a list's mtime at the server's Last-Modified time, not at the time of the
// update that fetched it.
const AptStamp = "/var/lib/apt/periodic/mesoslab-update-success-stamp"

// AptMaxAge is how old the package lists may be before AptUpdate refreshes
// them. A run refreshes a node at most once (the stamp is fresh after that),
// and a run right after a good one refreshes nothing.
const AptMaxAge = time.Hour

// aptLockTimeout is how long apt-get update waits for another apt or dpkg
// run to release the lists lock, as Package does for the dpkg lock.
const aptLockTimeout = DefaultLockTimeout

// AptUpdate returns a step that runs `apt-get update` when the node's lists
// are missing or older than AptMaxAge (by AptStamp), then touches AptStamp.
// It is also a Reactor over sources: when one of them changed on
// the node in this run, such as the File step of a new apt source, it
// refreshes even though the stamp is fresh, so the packages the source adds
// are known to the Package step after it. No mirror is named here: the node
// uses the sources it was built with.
func AptUpdate(sources ...Step) Step {
	return &aptUpdate{sources: sources}
}

// AptName is a package name as PackageSpec.Names takes it: "name", or
// "name=version" when version is set.
func AptName(name, version string) string {
	if version == "" {
		return name
	}
	return name + "=" + version
}

type aptUpdate struct{ sources []Step }

var _ Reactor = (*aptUpdate)(nil)

func (a *aptUpdate) Name() string { return "apt package lists" }

// Watches returns the apt sources whose change forces a refresh.
func (a *aptUpdate) Watches() []Step { return a.sources }

// Check passes when the stamp is younger than AptMaxAge and the lists hold
// at least one Packages index (an image may ship with its lists removed).
func (a *aptUpdate) Check(ctx context.Context, r Runner) (bool, error) {
	minutes := strconv.Itoa(int(AptMaxAge / time.Minute))
	cmd := "test -n \"$(find " + Quote(AptStamp) + " -mmin -" + minutes + " 2>/dev/null)\"" +
		" && compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null"
	_, err := r.Run(ctx, Command{Cmd: cmd})
	return answer(err)
}

func (a *aptUpdate) Apply(ctx context.Context, r Runner) error { return a.refresh(ctx, r) }

// React refreshes after a watched apt source changed.
func (a *aptUpdate) React(ctx context.Context, r Runner) error { return a.refresh(ctx, r) }

func (a *aptUpdate) refresh(ctx context.Context, r Runner) error {
	stamp := Quote(AptStamp)
	cmd := fmt.Sprintf("apt-get update -o DPkg::Lock::Timeout=%d && mkdir -p -- \"$(dirname -- %s)\" && touch -- %s",
		int(aptLockTimeout.Seconds()), stamp, stamp)
	_, err := r.Run(ctx, Command{Cmd: cmd, Sudo: true, Timeout: aptLockTimeout + 10*time.Minute})
	return err
}

// answer reads a check command's result: exit 0 means "already right", any
// other exit means "apply"; only a command that did not finish (a lost
// connection, a timeout, cancellation) is an error.
func answer(err error) (bool, error) {
	var ce *CmdError
	switch {
	case err == nil:
		return true, nil
	case errors.As(err, &ce) && ce.Err == nil:
		return false, nil
	default:
		return false, err
	}
}
