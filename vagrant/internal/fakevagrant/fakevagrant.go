//go:build unix

// Package fakevagrant stands in for the vagrant command in tests. A test
// binary that finds itself started under the name "vagrant" calls Main,
// which replays a transcript recorded from real Vagrant for the subcommand
// and node it was given, and records what it was asked into a file.
//
// Transcripts live in one directory, named SUB-NODE.txt or SUB.txt (stdout,
// as vagrant printed it), SUB-NODE.stderr (stderr) and SUB-NODE.interrupt
// (what vagrant prints after a SIGINT); `vagrant --version` is version.txt.
// The exit status is 1 when the transcript holds an error-exit line or only
// stderr exists, as with real Vagrant.
package fakevagrant

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Environment variables that steer the fake. Tests pass them through the
// driver's CLIOptions.Env, which is also how they check that Env arrives.
const (
	// EnvTranscripts is the transcript directory (required).
	EnvTranscripts = "FAKE_VAGRANT_TRANSCRIPTS"
	// EnvRecord is a file the fake appends one JSON Record per line to.
	EnvRecord = "FAKE_VAGRANT_RECORD"
	// EnvPick overrides the transcript of a subcommand: "status=status-after-halt".
	EnvPick = "FAKE_VAGRANT_PICK"
	// EnvPause is "SUB NODE:TEXT": after printing the first line containing
	// TEXT, wait for a signal instead of going on.
	EnvPause = "FAKE_VAGRANT_PAUSE"
	// EnvOnSIGINT is what a SIGINT does: "cleanup" (default) prints the
	// .interrupt transcript over a short while and exits 1, like Vagrant;
	// "ignore" carries on waiting, as a Vagrant stuck in cleanup would.
	EnvOnSIGINT = "FAKE_VAGRANT_ON_SIGINT"
	// EnvWaitFile makes the fake wait before it exits until this file exists.
	EnvWaitFile = "FAKE_VAGRANT_WAIT_FILE"
	// EnvLongLine prints a ui line of this many bytes before the transcript.
	EnvLongLine = "FAKE_VAGRANT_LONG_LINE"
	// EnvGrandchild set to 1 starts a `sleep` in the fake's process group
	// (as vagrant starts docker or VBoxManage) and records its pid.
	EnvGrandchild = "FAKE_VAGRANT_GRANDCHILD"
)

// Record is one thing the fake saw or did.
type Record struct {
	// Event is "start", "signal", "cleanup-done", "grandchild", "locked" or "exit".
	Event string            `json:"event"`
	Args  []string          `json:"args,omitempty"`
	Env   map[string]string `json:"env,omitempty"` // the VAGRANT_* and FAKE_* variables
	Dir   string            `json:"dir,omitempty"`
	PID   int               `json:"pid"`
	PGID  int               `json:"pgid"`
	// Detail is the signal name, the grandchild's pid, or the exit status.
	Detail string `json:"detail,omitempty"`
}

// IsInvoked reports whether this process was started as the fake vagrant.
func IsInvoked() bool {
	name := strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe")
	return name == "vagrant" && os.Getenv(EnvTranscripts) != ""
}

// Main runs the fake with vagrant's arguments and returns its exit status.
func Main(args []string) int {
	f := &fake{args: args, dir: os.Getenv(EnvTranscripts), out: os.Stdout}
	f.sigs = make(chan os.Signal, 4)
	signal.Notify(f.sigs, os.Interrupt)
	f.sub, f.node = parseArgs(args)
	f.record(Record{Event: "start", Args: args, Env: vagrantEnv()})
	code := f.run()
	f.record(Record{Event: "exit", Detail: fmt.Sprint(code)})
	return code
}

type fake struct {
	args      []string
	sub, node string
	dir       string
	out       io.Writer
	sigs      chan os.Signal
	mu        sync.Mutex // one writer to the record file at a time
}

func (f *fake) run() int {
	if f.node != "" && f.sub != "status" {
		unlock, ok := f.lockMachine()
		if !ok {
			return 1
		}
		defer unlock()
	}
	if os.Getenv(EnvGrandchild) == "1" {
		f.startGrandchild()
	}
	base := f.transcript()
	stderr, errOK := os.ReadFile(filepath.Join(f.dir, base+".stderr"))
	stdout, outOK := os.ReadFile(filepath.Join(f.dir, base+".txt"))
	if errOK != nil && outOK != nil {
		fmt.Fprintf(os.Stderr, "fake vagrant: no transcript %s.txt or %s.stderr for %q\n", base, base, f.args)
		return 2
	}
	_, _ = os.Stderr.Write(stderr)
	if n := atoi(os.Getenv(EnvLongLine)); n > 0 {
		fmt.Fprintf(f.out, "%d,%s,ui,detail,%s\n", time.Now().Unix(), f.node, strings.Repeat("x", n))
	}
	code := 0
	if outOK != nil {
		code = 1
	}
	pause := f.pauseText()
	for _, line := range lines(string(stdout)) {
		if code2, stop := f.checkSignal(base); stop {
			return code2
		}
		fmt.Fprintln(f.out, line)
		if strings.Contains(line, ",error-exit,") {
			code = 1
		}
		if pause != "" && strings.Contains(line, pause) {
			pause = ""
			if code2, stop := f.waitSignal(base); stop {
				return code2
			}
		}
	}
	if w := os.Getenv(EnvWaitFile); w != "" {
		waitForFile(w)
	}
	return code
}

// checkSignal handles a SIGINT that arrived while replaying.
func (f *fake) checkSignal(base string) (int, bool) {
	select {
	case s := <-f.sigs:
		return f.onSignal(base, s)
	default:
		return 0, false
	}
}

// waitSignal blocks, as vagrant does in a long step, until a signal asks it
// to stop; a minute without one ends it with status 3 so no test hangs.
func (f *fake) waitSignal(base string) (int, bool) {
	deadline := time.After(time.Minute)
	for {
		select {
		case s := <-f.sigs:
			if code, stop := f.onSignal(base, s); stop {
				return code, true
			}
		case <-deadline:
			return 3, true
		}
	}
}

func (f *fake) onSignal(base string, s os.Signal) (int, bool) {
	f.record(Record{Event: "signal", Detail: s.String()})
	if os.Getenv(EnvOnSIGINT) == "ignore" {
		return 0, false
	}
	// Vagrant's runner warns at once, finishes the step it is in, then raises
	// VagrantInterrupt: the warning first, the rest after a short while.
	rest := lines(readOr(filepath.Join(f.dir, base+".interrupt"), fallbackInterrupt(f.node)))
	if len(rest) > 0 {
		fmt.Fprintln(f.out, rest[0])
		rest = rest[1:]
	}
	time.Sleep(100 * time.Millisecond)
	f.record(Record{Event: "cleanup-done"})
	for _, l := range rest {
		fmt.Fprintln(f.out, l)
	}
	return 1, true
}

func fallbackInterrupt(node string) string {
	now := time.Now().Unix()
	return fmt.Sprintf("%d,%s,ui,warn,==> %s: Waiting for cleanup before exiting...\n"+
		"%d,,error-exit,Vagrant::Errors::VagrantInterrupt,Vagrant exited after cleanup due to external interrupt.\n",
		now, node, node, now)
}

// transcript is the base name for this invocation.
func (f *fake) transcript() string {
	for _, p := range strings.Split(os.Getenv(EnvPick), ";") {
		if sub, name, ok := strings.Cut(p, "="); ok && sub == f.sub {
			return name
		}
	}
	if f.sub == "--version" {
		return "version"
	}
	if f.node != "" {
		if _, err := os.Stat(filepath.Join(f.dir, f.sub+"-"+f.node+".txt")); err == nil {
			return f.sub + "-" + f.node
		}
		if _, err := os.Stat(filepath.Join(f.dir, f.sub+"-"+f.node+".stderr")); err == nil {
			return f.sub + "-" + f.node
		}
	}
	return f.sub
}

func (f *fake) pauseText() string {
	at, text, ok := strings.Cut(os.Getenv(EnvPause), ":")
	if !ok || at != strings.TrimSpace(f.sub+" "+f.node) {
		return ""
	}
	return text
}

// lockMachine emulates Vagrant's per-machine lock: a second command on the
// same machine fails with MachineActionLockedError while the first runs.
func (f *fake) lockMachine() (func(), bool) {
	path := filepath.Join(".", ".fake-vagrant-lock-"+f.node)
	fd, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		f.record(Record{Event: "locked"})
		msg := `An action '` + f.sub + `' was attempted on the machine '` + f.node + `'%!(VAGRANT_COMMA)\nbut another process is already executing an action on the machine.\nVagrant locks each machine for access by only one process at a time.\nPlease wait until the other Vagrant process finishes modifying this\nmachine%!(VAGRANT_COMMA) then try again.`
		if slices.Contains(f.args, "--machine-readable") {
			fmt.Fprintf(f.out, "%d,,error-exit,Vagrant::Errors::MachineActionLockedError,%s\n", time.Now().Unix(), msg)
		} else {
			r := strings.NewReplacer(`\n`, "\n", "%!(VAGRANT_COMMA)", ",")
			fmt.Fprintln(os.Stderr, r.Replace(msg))
		}
		return nil, false
	}
	_ = fd.Close()
	return func() { _ = os.Remove(path) }, true
}

func (f *fake) startGrandchild() {
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		f.record(Record{Event: "grandchild", Detail: "error: " + err.Error()})
		return
	}
	f.record(Record{Event: "grandchild", Detail: fmt.Sprint(cmd.Process.Pid)})
}

func (f *fake) record(r Record) {
	path := os.Getenv(EnvRecord)
	if path == "" {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	r.PID, r.PGID = os.Getpid(), pgid()
	r.Dir, _ = os.Getwd()
	b, _ := json.Marshal(r)
	fd, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer fd.Close()
	_, _ = fd.Write(append(b, '\n'))
}

// ReadRecords reads the records a fake appended to path.
func ReadRecords(path string) ([]Record, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Record
	for _, l := range lines(string(b)) {
		var r Record
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			return nil, fmt.Errorf("record %q: %w", l, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// parseArgs finds the subcommand and the machine name in vagrant's argv.
func parseArgs(args []string) (sub, node string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--provider":
			i++
		case a == "--version" && sub == "":
			sub = a
		case strings.HasPrefix(a, "-"):
		case sub == "":
			sub = a
		default:
			node = a
		}
	}
	return sub, node
}

func vagrantEnv() map[string]string {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "VAGRANT_") || strings.HasPrefix(k, "FAKE_") {
			env[k] = v
		}
	}
	return env
}

func pgid() int {
	g, err := syscall.Getpgid(os.Getpid())
	if err != nil {
		return -1
	}
	return g
}

func waitForFile(path string) {
	for range 3000 {
		if _, err := os.Stat(path); err == nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func lines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func readOr(path, fallback string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return fallback
	}
	return string(b)
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}
