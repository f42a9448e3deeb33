package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// badInput is one invalid input: a configuration file, environment
// variables and arguments, the exit code it must give, and the words its
// message must contain (the input it names and the way to fix it).
type badInput struct {
	name   string
	config string // written to the lab's mesoslab.yaml when not empty
	env    map[string]string
	args   []string
	code   int
	want   []string
}

var badInputs = []badInput{
	// The configuration file.
	{name: "typo key", config: "mastres: 3\n", args: []string{"plan"}, code: 2, want: []string{"mastres", "did you mean \"masters\""}},
	{name: "nested typo", config: "components:\n  mesosdns: true\n", args: []string{"plan"}, code: 2, want: []string{"components.mesosdns", "mesos_dns"}},
	{name: "masters not a number", config: "masters: three\n", args: []string{"plan"}, code: 2, want: []string{"masters", "three"}},
	{name: "memory a string", config: "memory: lots\n", args: []string{"plan"}, code: 2, want: []string{"memory", "lots"}},
	{name: "negative agents", config: "agents: -1\n", args: []string{"plan"}, code: 2, want: []string{"agents = \"-1\"", "fix:"}},
	{name: "huge agents", config: "agents: 100000\n", args: []string{"plan"}, code: 2, want: []string{"agents = \"100000\"", "fix:"}},
	{name: "two masters", config: "masters: 2\n", args: []string{"plan"}, code: 2, want: []string{"2 masters cannot form a quorum", "use 1, 3 or 5"}},
	{name: "four masters", config: "masters: 4\n", args: []string{"plan"}, code: 2, want: []string{"masters = \"4\"", "use 1, 3 or 5"}},
	{name: "zero masters", config: "masters: 0\n", args: []string{"plan"}, code: 2, want: []string{"masters = \"0\"", "at least one master"}},
	{name: "subnet not an address", config: "subnet: 300.1.1.0/24\n", args: []string{"plan"}, code: 2, want: []string{"subnet = \"300.1.1.0/24\"", "fix:"}},
	{name: "subnet VirtualBox refuses", config: "subnet: 10.1.0.0/24\n", args: []string{"plan"}, code: 2, want: []string{"10.1.0.0/24", "/etc/vbox/networks.conf"}},
	{name: "overlapping addresses", config: "nodes:\n  - name: agent1\n    ip: 192.168.56.11\n", args: []string{"plan"}, code: 2, want: []string{"nodes[0].ip", "same address"}},
	{name: "node name with shell", config: "nodes:\n  - name: \"a;rm -rf /\"\n", args: []string{"plan"}, code: 2, want: []string{"a;rm -rf /", "not a valid host name"}},
	{name: "lab name with shell", config: "name: \"x$(id)\"\n", args: []string{"plan"}, code: 2, want: []string{"x$(id)", "fix:"}},
	{name: "unknown node override", config: "nodes:\n  - name: agent7\n", args: []string{"plan"}, code: 2, want: []string{"agent7", "agent1, agent2, agent3"}},
	{name: "truncated YAML", config: "masters: 3\ncomponents:\n  mesos: [true\n", args: []string{"plan"}, code: 2, want: []string{"not valid YAML", ":3:"}},
	{name: "a list, not a mapping", config: "- masters\n- agents\n", args: []string{"plan"}, code: 2, want: []string{"expected a mapping", "mesoslab init"}},
	{name: "memory too small", config: "memory: 512\n", args: []string{"plan"}, code: 2, want: []string{"memory = \"512\"", "2432"}},
	{name: "zero cpus", config: "cpus: 0\n", args: []string{"plan"}, code: 2, want: []string{"cpus = \"0\"", "fix:"}},
	{name: "box with a quote", config: "box: 'bento/debian-12\"; system(\"id\")'\n", args: []string{"plan"}, code: 2, want: []string{"box", "fix:"}},
	{name: "bad docker image", config: "docker_image: \"Node Image\"\n", args: []string{"plan"}, code: 2, want: []string{"docker_image", "Node Image"}},
	{name: "mesos without zookeeper", config: "components:\n  zookeeper: false\n", args: []string{"plan"}, code: 2, want: []string{"components.mesos", "switch components.zookeeper on"}},
	{name: "image injection", config: "sources:\n  marathon:\n    image: \"img; reboot\"\n", args: []string{"plan"}, code: 2, want: []string{"sources.marathon.image", "img; reboot"}},
	{name: "privileged ssh port base", config: "ssh_port_base: 80\n", args: []string{"plan"}, code: 2, want: []string{"ssh_port_base = \"80\"", "1024"}},
	{name: "duplicate ssh port", config: "nodes:\n  - name: agent1\n    ssh_port: 2301\n", args: []string{"plan"}, code: 2, want: []string{"nodes[0].ssh_port", "already forwards"}},
	{name: "unknown provider", config: "provider: hyperv\n", args: []string{"plan"}, code: 2, want: []string{"provider = \"hyperv\"", "use virtualbox (VMs) or docker"}},
	{name: "empty key", config: "\"\": 1\n", args: []string{"plan"}, code: 2, want: []string{"unknown key", "known keys here"}},
	{name: "binary garbage", config: "\x00\x01\x02masters\xff: [[[\n", args: []string{"plan"}, code: 2, want: []string{"mesoslab.yaml", "fix:"}},
	// The environment.
	{name: "env masters not a number", env: map[string]string{"MESOSLAB_MASTERS": "abc"}, args: []string{"plan"}, code: 2, want: []string{"MESOSLAB_MASTERS", "abc"}},
	{name: "env two masters", env: map[string]string{"MESOSLAB_MASTERS": "2"}, args: []string{"plan"}, code: 2, want: []string{"2 masters cannot form a quorum"}},
	{name: "env negative agents", env: map[string]string{"MESOSLAB_AGENTS": "-5"}, args: []string{"plan"}, code: 2, want: []string{"agents = \"-5\""}},
	{name: "env subnet nonsense", env: map[string]string{"MESOSLAB_SUBNET": "nonsense"}, args: []string{"plan"}, code: 2, want: []string{"subnet = \"nonsense\""}},
	{name: "env provider", env: map[string]string{"MESOSLAB_PROVIDER": "kvm"}, args: []string{"plan"}, code: 2, want: []string{"provider = \"kvm\""}},
	{name: "env memory overflow", env: map[string]string{"MESOSLAB_MEMORY": "99999999999999999999"}, args: []string{"plan"}, code: 2, want: []string{"MESOSLAB_MEMORY", "not a whole number"}},
	{name: "env lab name", env: map[string]string{"MESOSLAB_LAB": "Bad Name"}, args: []string{"plan"}, code: 2, want: []string{"Bad Name", "lower-case"}},
	{name: "env config missing", env: map[string]string{"MESOSLAB_CONFIG": "/nonexistent/mesoslab.yaml"}, args: []string{"plan"}, code: 2, want: []string{"/nonexistent/mesoslab.yaml", "mesoslab init"}},
	// Flags and arguments.
	{name: "flag masters not a number", args: []string{"plan", "--masters", "x"}, code: 2, want: []string{`--masters "x": not a number; use 1, 3 or 5`, "--help"}},
	{name: "flag two masters", args: []string{"plan", "--masters", "2"}, code: 2, want: []string{"use 1, 3 or 5"}},
	{name: "flag zero agents", args: []string{"up", "--agents", "0"}, code: 2, want: []string{"agents = \"0\""}},
	{name: "flag negative memory", args: []string{"render", "--memory", "-1"}, code: 2, want: []string{"memory = \"-1\""}},
	{name: "flag output format", args: []string{"plan", "--output", "xml"}, code: 2, want: []string{"--output \"xml\"", "text or json"}},
	{name: "flag parallel zero", args: []string{"up", "--parallel", "0"}, code: 2, want: []string{"--parallel 0", "1 to 16"}},
	{name: "config is a directory", args: []string{"plan", "--config", "/"}, code: 2, want: []string{"--config", "is a directory"}},
	{name: "unknown command", args: []string{"lanuch"}, code: 2, want: []string{"unknown command \"lanuch\""}},
	{name: "unknown flag", args: []string{"plan", "--nodes", "3"}, code: 2, want: []string{"-nodes", "--help"}},
	{name: "unknown node for ssh", args: []string{"ssh", "master9"}, code: 2, want: []string{"master9", "master1, master2, master3"}},
	{name: "ssh without node", args: []string{"ssh"}, code: 2, want: []string{"needs a node name"}},
	{name: "extra argument", args: []string{"plan", "now"}, code: 2, want: []string{"\"now\""}},
	{name: "provision unknown phase", args: []string{"provision", "--only", "kafka"}, code: 2, want: []string{"--only = \"kafka\"", "mesoslab plan"}},
	{name: "provision unknown node", args: []string{"provision", "--node", "agent9"}, code: 2, want: []string{"--node = \"agent9\""}},
	{name: "corrupted state file", args: []string{"status"}, code: 2, want: []string{"lab.json", "delete the file"}},
}

// TestBadInputIsRefusedClearlyAndChangesNothing runs every invalid input in
// a lab directory holding a config, a log of an earlier run and a record,
// and checks the exit code, the message, the absence of a stack trace, and
// that not one file changed.
func TestBadInputIsRefusedClearlyAndChangesNothing(t *testing.T) {
	if len(badInputs) < 40 {
		t.Fatalf("only %d bad inputs; the suite promises at least 40", len(badInputs))
	}
	for _, in := range badInputs {
		t.Run(in.name, func(t *testing.T) {
			home := t.TempDir()
			dir := filepath.Join(home, "labs", "default")
			seed := map[string]string{
				"logs/master1.log": "=== an earlier run ===\n",
				"mesoslab.yaml":    "# the user's file\nmasters: 3\n",
			}
			if in.config != "" {
				seed["mesoslab.yaml"] = in.config
			}
			if in.name == "corrupted state file" {
				seed["lab.json"] = "{\"version\": 1, \"spec\": {\"masters\": "
			} else if strings.HasPrefix(in.name, "provision") {
				seed["lab.json"] = ""
				delete(seed, "lab.json")
			}
			for rel, content := range seed {
				p := filepath.Join(dir, rel)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := snapshot(t, home)
			env := map[string]string{"MESOSLAB_HOME": home}
			for k, v := range in.env {
				env[k] = v
			}
			_, stderr, code := run(t, env, in.args...)
			if code != in.code {
				t.Errorf("exit code %d, want %d\n%s", code, in.code, stderr)
			}
			for _, w := range in.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("message does not say %q:\n%s", w, stderr)
				}
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic:") {
				t.Errorf("stack trace:\n%s", stderr)
			}
			if after := snapshot(t, home); after != before {
				t.Errorf("the input changed files on disk:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

// snapshot lists every file under root with the hash of its content.
func snapshot(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		rel, _ := filepath.Rel(root, path)
		b.WriteString(rel + " " + hex.EncodeToString(sum[:8]) + "\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
