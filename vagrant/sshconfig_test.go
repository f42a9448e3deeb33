package vagrant

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestParseSSHConfig(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("testdata", "transcripts", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tests := []struct {
		name, node, text string
		want             SSHConfig
		wantErr          bool
	}{
		{"quoted paths with spaces, two keys", "master1", read("ssh-config-master1.txt"), SSHConfig{
			Host: "master1", HostName: "127.0.0.1", Port: 2361, User: "vagrant",
			IdentityFiles: []string{
				"/home/Jane Doe/labs/demo/.vagrant/machines/master1/docker/private_key",
				"/home/Jane Doe/.vagrant.d/insecure_private_key",
			}}, false},
		{"recorded", "agent1", read("ssh-config-agent1.txt"), SSHConfig{
			Host: "agent1", HostName: "127.0.0.1", Port: 2362, User: "vagrant",
			IdentityFiles: []string{"/home/user/labs/demo/.vagrant/machines/agent1/docker/private_key"}}, false},
		{"other host only", "agent9", read("ssh-config-agent1.txt"), SSHConfig{}, true},
		{"port defaults to 22", "n", "Host n\n  HostName 10.0.0.1\n  User u\n", SSHConfig{Host: "n", HostName: "10.0.0.1", Port: 22, User: "u"}, false},
		{"bad port", "n", "Host n\n  HostName 127.0.0.1\n  Port 70000\n", SSHConfig{}, true},
		{"empty", "n", "", SSHConfig{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseSSHConfig(tt.node, tt.text)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %#v\nwant %#v", got, tt.want)
			}
		})
	}
}
