package provision

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// HostKeyChangedError is returned by DialSSH when a node presents a host key
// other than the one recorded on first use. Every `mesoslab destroy/up`
// re-creates keys and mesoslab forgets them then, so a change means the node
// was re-created by other means, or something else answers at its address.
type HostKeyChangedError struct {
	Node string // the node's name in the lab
	Addr string // the address as known_hosts writes it ("[127.0.0.1]:2222")
	File string // the lab's known_hosts file
}

// Error names the node and how to fix it.
func (e *HostKeyChangedError) Error() string {
	return fmt.Sprintf("host key of node %s at %s changed: the node was re-created outside mesoslab; "+
		"run `mesoslab ssh-reset %s` or remove the line for %s from %s", e.Node, e.Addr, e.Node, e.Addr, e.File)
}

// trustOnFirstUse returns a host key callback that accepts the key recorded
// in file for the host, records the key of a host it does not know yet, and
// refuses a changed key with a *HostKeyChangedError. The file is re-read on
// every dial and appended under a lock, so concurrent dials see each other.
func trustOnFirstUse(node, file string) ssh.HostKeyCallback {
	return func(host string, remote net.Addr, key ssh.PublicKey) error {
		if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
			return err
		}
		unlock, err := lockPath(file + ".lock")
		if err != nil {
			return fmt.Errorf("lock %s: %w", file, err)
		}
		defer unlock()
		f, err := os.OpenFile(file, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		defer f.Close()
		check, err := knownhosts.New(file)
		if err != nil {
			return fmt.Errorf("read %s: %w", file, err)
		}
		err = check(host, remote, key)
		var ke *knownhosts.KeyError
		switch {
		case !errors.As(err, &ke):
			return err // nil when known, or a revoked key
		case len(ke.Want) > 0:
			return &HostKeyChangedError{Node: node, Addr: knownhosts.Normalize(host), File: file}
		}
		line := knownhosts.Line([]string{knownhosts.Normalize(host)}, key) + "\n"
		if _, err := f.WriteString(line); err != nil {
			return fmt.Errorf("record host key of %s in %s: %w", node, file, err)
		}
		return nil
	}
}

// knownAlgorithms returns the host key algorithms of the keys file records
// for addr, or nil when it records none. Offering only those avoids a false
// "changed" when the server's preferred key type differs from the recorded one.
func knownAlgorithms(file, addr string) []string {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	want := knownhosts.Normalize(addr)
	var algos []string
	for len(data) > 0 {
		var hosts []string
		var key ssh.PublicKey
		_, hosts, key, _, data, err = ssh.ParseKnownHosts(data)
		if err != nil {
			return nil
		}
		for _, h := range hosts {
			if h != want {
				continue
			}
			if key.Type() == ssh.KeyAlgoRSA {
				algos = append(algos, ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256, ssh.KeyAlgoRSA)
			} else {
				algos = append(algos, key.Type())
			}
		}
	}
	return algos
}

// ForgetHost removes the host key recorded for addr ("host:port" or "host")
// from knownHostsFile, so that the next dial trusts the node's new key.
// mesoslab calls it when it destroys or re-creates a node. A missing file
// or address is not an error.
func ForgetHost(knownHostsFile, addr string) error {
	unlock, err := lockPath(knownHostsFile + ".lock")
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil // the lab directory is gone, and the file with it
		}
		return fmt.Errorf("lock %s: %w", knownHostsFile, err)
	}
	defer unlock()
	data, err := os.ReadFile(knownHostsFile)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	drop := map[string]bool{knownhosts.Normalize(addr): true, addr: true}
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		out.WriteString(withoutHosts(sc.Text(), drop))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", knownHostsFile, err)
	}
	if bytes.Equal(out.Bytes(), data) {
		return nil
	}
	tmp := knownHostsFile + ".tmp"
	if err := os.WriteFile(tmp, out.Bytes(), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, knownHostsFile)
}

// withoutHosts returns line (with its newline) minus the hosts in drop, or
// "" when no host is left. Comments and marker lines are kept as they are.
func withoutHosts(line string, drop map[string]bool) string {
	fields := strings.Fields(line)
	if len(fields) < 3 || strings.HasPrefix(fields[0], "#") || strings.HasPrefix(fields[0], "@") {
		return line + "\n"
	}
	var keep []string
	for _, h := range strings.Split(fields[0], ",") {
		if !drop[h] {
			keep = append(keep, h)
		}
	}
	switch {
	case len(keep) == 0:
		return ""
	case len(keep) == len(strings.Split(fields[0], ",")):
		return line + "\n"
	}
	return strings.Join(keep, ",") + " " + strings.Join(fields[1:], " ") + "\n"
}
