//go:build unix

package vagrant

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/vagrant/internal/fakevagrant"
)

// TestMain turns this test binary into the fake vagrant when a test starts
// it under that name (through a symlink first on PATH).
func TestMain(m *testing.M) {
	if fakevagrant.IsInvoked() {
		os.Exit(fakevagrant.Main(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// fakeLab is a lab directory whose `vagrant` is the fake.
type fakeLab struct {
	t      *testing.T
	dir    string // holds the Vagrantfile; the fake runs here
	record string // the fake's JSON records
	env    []string
	cli    *CLI
}

// newFakeLab puts a `vagrant` symlink to this test binary first on PATH
// and returns a CLI whose children replay testdata/transcripts. env adds
// fakevagrant settings.
func newFakeLab(t *testing.T, grace time.Duration, env ...string) *fakeLab {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	if err := os.Symlink(exe, filepath.Join(bin, "vagrant")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	transcripts, err := filepath.Abs(filepath.Join("testdata", "transcripts"))
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeLab{t: t, dir: t.TempDir(), record: filepath.Join(t.TempDir(), "record.jsonl")}
	if err := os.WriteFile(filepath.Join(f.dir, "Vagrantfile"), []byte("# the fake vagrant does not read this\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.env = append([]string{fakevagrant.EnvTranscripts + "=" + transcripts, fakevagrant.EnvRecord + "=" + f.record}, env...)
	f.cli = NewCLI(f.dir, CLIOptions{Env: f.env, Grace: grace})
	return f
}

// records returns what the fake recorded, optionally only one kind.
func (f *fakeLab) records(event string) []fakevagrant.Record {
	f.t.Helper()
	all, err := fakevagrant.ReadRecords(f.record)
	if err != nil {
		f.t.Fatal(err)
	}
	if event == "" {
		return all
	}
	var out []fakevagrant.Record
	for _, r := range all {
		if r.Event == event {
			out = append(out, r)
		}
	}
	return out
}

// waitRecord waits, for at most 30 s, until the fake has recorded event.
func (f *fakeLab) waitRecord(event string) fakevagrant.Record {
	f.t.Helper()
	for range 3000 {
		if rs := f.records(event); len(rs) > 0 {
			return rs[0]
		}
		time.Sleep(10 * time.Millisecond)
	}
	f.t.Fatalf("the fake vagrant never recorded %q", event)
	return fakevagrant.Record{}
}

// collect gathers the events of one command.
type collect struct{ events []Event }

func (c *collect) add(e Event) { c.events = append(c.events, e) }

func (c *collect) kind(kind string) []Event {
	var out []Event
	for _, e := range c.events {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}
