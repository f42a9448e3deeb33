package provision_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/mesoslab/mesoslab/provision/provisiontest"
)

// The in-place write, in a real shell: a missing file, a file with other
// content, then a converged file that gets no write.
func TestInPlaceFileRealShell(t *testing.T) {
	testenv.NeedCommand(t, "bash")
	testenv.NeedCommand(t, "sha256sum")
	path := filepath.Join(t.TempDir(), "hosts")
	step := provision.InPlaceFile(path, []byte("127.0.0.1\tlocalhost\n192.168.56.11\tmaster1\n"))
	for _, tc := range []struct {
		name   string
		before string // "" leaves the file missing
		want   provision.Outcome
	}{
		{"missing", "", provision.Changed},
		{"other content", "172.17.0.2\tmaster1\n", provision.Changed},
		{"converged", "127.0.0.1\tlocalhost\n192.168.56.11\tmaster1\n", provision.Unchanged},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(path)
			if tc.before != "" {
				if err := os.WriteFile(path, []byte(tc.before), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			got, err := provision.Converge(context.Background(), provisiontest.Local{}, step, false)
			if err != nil || got != tc.want {
				t.Fatalf("Converge = %s, %v; want %s", got, err, tc.want)
			}
			data, err := os.ReadFile(path)
			if err != nil || string(data) != "127.0.0.1\tlocalhost\n192.168.56.11\tmaster1\n" {
				t.Errorf("file holds %q, %v", data, err)
			}
			if st, err := os.Stat(path); tc.want == provision.Changed && (err != nil || st.Mode().Perm() != 0o644) {
				t.Errorf("mode after a write: %v, %v; want 0644", st.Mode(), err)
			}
		})
	}
}
