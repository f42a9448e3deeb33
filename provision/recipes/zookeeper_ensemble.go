package recipes

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/mesoslab/mesoslab/lab/stack"
	"github.com/mesoslab/mesoslab/provision"
)

// memberMarker starts each member's part of the probe's output; no line of
// a srvr answer starts with it.
const memberMarker = "@@mesoslab-member "

// ensembleProbe asks every master for `srvr` from the node the probe runs
// on, in one command over bash's /dev/tcp (the node needs no nc), and passes
// when the ensemble has a leader: see ensembleReady.
func ensembleProbe(masters []Node) provision.Probe {
	ips := make([]string, len(masters))
	for i, m := range masters {
		ips[i] = m.IP
	}
	// Each member gets at most 3 seconds, so a member that accepts but
	// never answers cannot hold up the answers of the others.
	cmd := "for a in " + provision.QuoteAll(ips...) + "; do\n" +
		"  echo " + provision.Quote(memberMarker) + "\"$a\"\n" +
		"  timeout 3 bash -c 'exec 3<>\"/dev/tcp/$1/" + strconv.Itoa(stack.ZooKeeperPort) + "\" && printf srvr >&3 && cat <&3' srvr \"$a\" 2>&1\n" +
		"  echo\ndone"
	return func(ctx context.Context, r provision.Runner) error {
		res, err := r.Run(ctx, provision.Command{Cmd: cmd})
		if err != nil {
			return err
		}
		return ensembleReady(memberStates(res.Stdout), ips)
	}
}

// memberStates reads the probe's output into each member's state: its srvr
// Mode ("leader", "follower", "standalone", ...), "not serving" while it has
// no quorum, or "no answer" with the last thing it printed.
func memberStates(out []byte) map[string]string {
	states := map[string]string{}
	var addr string
	var lines []string
	flush := func() {
		if addr != "" {
			states[addr] = memberState(lines)
		}
	}
	for _, line := range strings.Split(string(out), "\n") {
		if a, ok := strings.CutPrefix(line, memberMarker); ok {
			flush()
			addr, lines = strings.TrimSpace(a), nil
			continue
		}
		if l := strings.TrimSpace(line); l != "" {
			lines = append(lines, l)
		}
	}
	flush()
	return states
}

// memberState reads one member's srvr answer with stack's parser.
func memberState(lines []string) string {
	srvr, err := stack.ParseSrvr(strings.Join(lines, "\n"))
	switch {
	case err == nil:
		return srvr.Mode
	case errors.Is(err, stack.ErrNotServing):
		return "not serving"
	case len(lines) == 0:
		return "no answer"
	}
	return "no answer (" + lines[len(lines)-1] + ")"
}

// ensembleReady passes when exactly one member leads and every other one
// follows. A one-master lab runs ZooKeeper standalone (one server line), and
// that member counts as the leader.
func ensembleReady(states map[string]string, ips []string) error {
	leaders, followers := 0, 0
	var report []string
	for _, ip := range ips {
		st, ok := states[ip]
		if !ok {
			st = "no answer"
		}
		switch {
		case st == "leader", st == "standalone" && len(ips) == 1:
			leaders++
		case st == "follower":
			followers++
		}
		report = append(report, ip+" "+st)
	}
	if leaders == 1 && leaders+followers == len(ips) {
		return nil
	}
	return fmt.Errorf("zookeeper ensemble has %d leader(s) and %d follower(s) of %d: %s",
		leaders, followers, len(ips), strings.Join(report, ", "))
}
