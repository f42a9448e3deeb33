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
	// A SIGTERM ends the fake at once with status 143, as Ruby's default
	// handler ends Vagrant, unless this is "ignore".
	EnvOnSIGINT = "FAKE_VAGRANT_ON_SIGINT"
	// EnvWaitFile makes the fake wait before it exits until this file exists.
	EnvWaitFile = "FAKE_VAGRANT_WAIT_FILE"
	// EnvLongLine prints a ui line of this many bytes before the transcript.
	EnvLongLine = "FAKE_VAGRANT_LONG_LINE"
	// EnvGrandchild set to 1 starts a `sleep` in the fake's process group
	// (as vagrant starts docker or VBoxManage) and records its pid; set to
	// "stdout", the sleep also holds the fake's stdout open after it exits.
	EnvGrandchild = "FAKE_VAGRANT_GRANDCHILD"
)

// IsInvoked reports whether this process was started as the fake vagrant.
func IsInvoked() bool {
	name := strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe")
	return name == "vagrant" && os.Getenv(EnvTranscripts) != ""
}

// Main runs the fake with vagrant's arguments and returns its exit status.
func Main(args []string) int {
	f := &fake{args: args, dir: os.Getenv(EnvTranscripts), out: os.Stdout}
	f.sigs = make(chan os.Signal, 4)
	signal.Notify(f.sigs, os.Interrupt, syscall.SIGTERM)
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
	if g := os.Getenv(EnvGrandchild); g != "" {
		f.startGrandchild(g == "stdout")
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

func (f *fake) startGrandchild(holdStdout bool) {
	cmd := exec.Command("sleep", "60")
	if holdStdout {
		cmd.Stdout = os.Stdout
	}
	if err := cmd.Start(); err != nil {
		f.record(Record{Event: "grandchild", Detail: "error: " + err.Error()})
		return
	}
	f.record(Record{Event: "grandchild", Detail: fmt.Sprint(cmd.Process.Pid)})
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
