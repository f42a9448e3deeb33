package provision

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

func TestForgetHost(t *testing.T) {
	ed := newPublicKey(t)
	file := filepath.Join(t.TempDir(), "known_hosts")
	lines := []string{
		"# the lab's nodes",
		knownhosts.Line([]string{"[127.0.0.1]:2222"}, ed),
		knownhosts.Line([]string{"[127.0.0.1]:2223"}, ed),
		knownhosts.Line([]string{"[127.0.0.1]:2222", "192.168.56.11"}, ed),
		"@revoked [127.0.0.1]:2222 " + string(ssh.MarshalAuthorizedKey(ed)[:len(ssh.MarshalAuthorizedKey(ed))-1]),
	}
	writeLines(t, file, lines)
	if err := ForgetHost(file, "127.0.0.1:2222"); err != nil {
		t.Fatal(err)
	}
	want := []string{lines[0], lines[2], knownhosts.Line([]string{"192.168.56.11"}, ed), lines[4]}
	if got := knownHostsLines(t, file); !slices.Equal(got, want) {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode after rewrite: %v, %v", fi.Mode(), err)
	}
	// Port 22 is written without brackets.
	if err := ForgetHost(file, "192.168.56.11:22"); err != nil {
		t.Fatal(err)
	}
	if got := knownHostsLines(t, file); len(got) != 3 {
		t.Fatalf("port 22 entry not removed: %q", got)
	}
}

func TestForgetHostWithoutFile(t *testing.T) {
	dir := t.TempDir()
	for _, file := range []string{filepath.Join(dir, "known_hosts"), filepath.Join(dir, "gone", "known_hosts")} {
		if err := ForgetHost(file, "127.0.0.1:2222"); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "known_hosts")); !os.IsNotExist(err) {
		t.Fatal("ForgetHost created the known_hosts file")
	}
}

func TestKnownAlgorithms(t *testing.T) {
	ed := newPublicKey(t)
	rk, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsaPub, err := ssh.NewPublicKey(&rk.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "known_hosts")
	writeLines(t, file, []string{
		knownhosts.Line([]string{"[127.0.0.1]:2222"}, ed),
		knownhosts.Line([]string{"[127.0.0.1]:2223"}, rsaPub),
	})
	for addr, want := range map[string][]string{
		"127.0.0.1:2222": {ssh.KeyAlgoED25519},
		"127.0.0.1:2223": {ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256, ssh.KeyAlgoRSA},
		"127.0.0.1:2224": nil,
	} {
		if got := knownAlgorithms(file, addr); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", addr, got, want)
		}
	}
}

func newPublicKey(t *testing.T) ssh.PublicKey {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func writeLines(t *testing.T, file string, lines []string) {
	t.Helper()
	data := ""
	for _, l := range lines {
		data += l + "\n"
	}
	if err := os.WriteFile(file, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}
