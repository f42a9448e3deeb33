package stack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
)

// ZooKeeper's fixed answers to a four-letter word it will not run.
var (
	// ErrNotServing is a member that is up but in no quorum.
	ErrNotServing = errors.New("this ZooKeeper instance is not currently serving requests")
	// ErrNotWhitelisted is a word left out of 4lw.commands.whitelist.
	ErrNotWhitelisted = errors.New("four-letter word is not in 4lw.commands.whitelist")
)

// maxFourLetterAnswer bounds a four-letter word's answer; srvr is ~300 bytes.
const maxFourLetterAnswer = 64 << 10

// FourLetter sends cmd to the ZooKeeper client port at addr:port through
// dial (a plain net.Dialer when nil) and reads the answer until the server
// closes the connection, which it does after answering.
func FourLetter(ctx context.Context, dial DialFunc, addr string, port int, cmd string) (string, error) {
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	hostport := net.JoinHostPort(addr, strconv.Itoa(port))
	conn, err := dial(ctx, "tcp", hostport)
	if err != nil {
		return "", fmt.Errorf("zookeeper %s %s: %w", hostport, cmd, err)
	}
	defer conn.Close()
	// Closing the connection is what unblocks Read when ctx ends.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	if _, err := io.WriteString(conn, cmd); err != nil {
		return "", fmt.Errorf("zookeeper %s %s: %w", hostport, cmd, contextErr(ctx, err))
	}
	answer, err := io.ReadAll(io.LimitReader(conn, maxFourLetterAnswer))
	if err != nil {
		return "", fmt.Errorf("zookeeper %s %s: %w", hostport, cmd, contextErr(ctx, err))
	}
	return string(answer), nil
}

// contextErr prefers the context's error to the "use of closed network
// connection" that its AfterFunc causes.
func contextErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// Srvr is the part of a srvr answer the lab cares about.
type Srvr struct {
	Version string
	// Mode is leader, follower, standalone, observer or read-only.
	Mode      string
	Zxid      uint64
	NodeCount int
}

// ParseSrvr reads the answer to srvr (same layout from 3.4 to 3.9). The
// not-serving and not-whitelisted one-liners come back as ErrNotServing
// and ErrNotWhitelisted.
func ParseSrvr(answer string) (Srvr, error) {
	text := strings.TrimSpace(answer)
	switch {
	case strings.HasPrefix(text, "This ZooKeeper instance is not currently serving requests"):
		return Srvr{}, ErrNotServing
	case strings.HasSuffix(text, "is not executed because it is not in the whitelist."):
		return Srvr{}, ErrNotWhitelisted
	}
	var s Srvr
	for _, line := range strings.Split(text, "\n") {
		key, value, found := strings.Cut(line, ": ")
		if !found {
			continue
		}
		value = strings.TrimSpace(value)
		var err error
		switch key {
		case "Zookeeper version":
			// "3.8.0-<git sha>, built on <date>" and "3.4.5--1, built on …"
			s.Version, _, _ = strings.Cut(value, ",")
			s.Version, _, _ = strings.Cut(s.Version, "-")
		case "Mode":
			s.Mode = value
		case "Zxid":
			s.Zxid, err = strconv.ParseUint(strings.TrimPrefix(value, "0x"), 16, 64)
		case "Node count":
			s.NodeCount, err = strconv.Atoi(value)
		}
		if err != nil {
			return Srvr{}, fmt.Errorf("srvr line %q: %w", line, err)
		}
	}
	if s.Mode == "" {
		return Srvr{}, fmt.Errorf("srvr answer has no Mode line: %q", Snippet([]byte(text)))
	}
	return s, nil
}
