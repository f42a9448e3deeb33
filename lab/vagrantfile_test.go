package lab

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mesoslab/mesoslab/internal/golden"
	"github.com/mesoslab/mesoslab/internal/testenv"
	"github.com/mesoslab/mesoslab/lab/config"
)

// goldenLabs are the labs whose Vagrantfiles are pinned by golden files.
var goldenLabs = []struct {
	name   string
	mutate func(*config.Spec)
}{
	{"default", func(*config.Spec) {}},
	{"one-one", func(s *config.Spec) { s.Masters, s.Agents = 1, 1 }},
	{"five-four", func(s *config.Spec) { s.Masters, s.Agents = 5, 4; s.BoxVersion = "202510.26.0" }},
	{"docker", func(s *config.Spec) { s.Provider = "docker"; s.Name = "ci"; s.Agents = 2 }},
	{"box-url", func(s *config.Spec) { s.Masters, s.Agents = 1, 1; s.Box = "https://boxes.example/debian-12-amd64.box" }},
	{"wide-subnet", func(s *config.Spec) { s.Masters, s.Agents = 1, 1; s.Subnet = "192.168.56.0/22" }},
	{"docker-wide-subnet", func(s *config.Spec) { s.Masters, s.Agents, s.Provider = 1, 1, "docker"; s.Subnet = "10.20.0.0/23" }},
}

func renderGolden(t *testing.T, mutate func(*config.Spec)) []byte {
	t.Helper()
	s := config.Default()
	mutate(&s)
	p, err := config.NewPlan(s)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := renderVagrantfile(p, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestVagrantfileGolden(t *testing.T) {
	for _, g := range goldenLabs {
		t.Run(g.name, func(t *testing.T) {
			got := renderGolden(t, g.mutate)
			path := filepath.Join("testdata", "vagrantfile", g.name+".golden")
			golden.Check(t, path, got)
		})
	}
}

func TestVagrantfileDiffersOnlyInProviderBlock(t *testing.T) {
	vb := renderGolden(t, func(s *config.Spec) { s.Masters, s.Agents = 1, 1 })
	dk := renderGolden(t, func(s *config.Spec) { s.Masters, s.Agents = 1, 1; s.Provider = "docker" })
	common := func(b []byte) string {
		var keep []string
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "    node.vm.") && !strings.HasPrefix(l, "    node.vm.provider") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	if common(vb) != common(dk) || common(vb) == "" {
		t.Errorf("node settings outside the provider block differ:\nvirtualbox:\n%s\ndocker:\n%s", common(vb), common(dk))
	}
}

// TestGoldenVagrantfilesPassVagrantValidate runs the real `vagrant validate`
// on every golden file; VirtualBox need not be installed for that.
func TestGoldenVagrantfilesPassVagrantValidate(t *testing.T) {
	vagrantBin := testenv.NeedCommand(t, "vagrant")
	for _, g := range goldenLabs {
		t.Run(g.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "Vagrantfile"), renderGolden(t, g.mutate), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, vagrantBin, "validate", "--ignore-provider")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "VAGRANT_CHECKPOINT_DISABLE=1", "VAGRANT_HOME="+filepath.Join(dir, ".vagrant.d"))
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("vagrant validate: %v\n%s", err, out)
			}
			if !strings.Contains(string(out), "Vagrantfile validated successfully") {
				t.Errorf("vagrant validate said:\n%s", out)
			}
		})
	}
}
