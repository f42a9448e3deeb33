package provision

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"
)

var quoteCases = []string{
	"",
	"plain",
	"/etc/zookeeper/conf/zoo.cfg",
	"two words",
	"it's",
	"'",
	"''",
	`"double"`,
	"$(touch /tmp/pwned)",
	"`id`",
	"${HOME}",
	"a;b",
	"a && b || c",
	"line1\nline2",
	"tab\there",
	"*",
	"~root",
	"!event",
	`back\slash`,
	"-n",
	"héllo wörld",
	"a=b c",
	"#comment",
}

func TestQuoteRoundTripsThroughBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not on PATH")
	}
	for _, s := range quoteCases {
		t.Run(s, func(t *testing.T) {
			got := runPrintf(t, bash, Quote(s))
			if got != s {
				t.Fatalf("bash saw %q for Quote(%q) = %s", got, s, Quote(s))
			}
		})
	}
}

func TestQuoteAllKeepsWordsApart(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not on PATH")
	}
	words := []string{"a b", "", "c'd", "$x"}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bash, "-c", "printf '<%s>' "+QuoteAll(words...)).Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "<a b><><c'd><$x>"; string(out) != want {
		t.Fatalf("got %s, want %s", out, want)
	}
}

func TestQuoteLeavesPlainWordsReadable(t *testing.T) {
	for in, want := range map[string]string{
		"zookeeper":           "zookeeper",
		"/etc/mesos/zk":       "/etc/mesos/zk",
		"root:root":           "root:root",
		"a b":                 "'a b'",
		"it's":                `'it'\''s'`,
		"":                    "''",
		"~":                   "'~'",
		"DPkg::Lock::Timeout": "DPkg::Lock::Timeout",
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}

func FuzzQuote(f *testing.F) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		f.Skip("bash is not on PATH")
	}
	for _, s := range quoteCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsRune(s, 0) {
			t.Skip("a NUL byte cannot be part of a shell word")
		}
		if got := runPrintf(t, bash, Quote(s)); got != s {
			t.Fatalf("bash saw %q for Quote(%q) = %s", got, s, Quote(s))
		}
	})
}

// runPrintf makes bash print one word verbatim; any injection would either
// change the output or run a second command.
func runPrintf(t *testing.T, bash, word string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bash, "-c", "printf '%s' "+word).Output()
	if err != nil {
		t.Fatalf("bash -c printf %s: %v", word, err)
	}
	return string(out)
}
