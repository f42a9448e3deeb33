package vagrant

import "testing"

func TestParseVersion(t *testing.T) {
	tests := []struct {
		out, want string
		wantErr   bool
	}{
		{"Vagrant 2.3.4\n", "2.3.4", false},
		{"Vagrant 2.2.5\n==> vagrant: A new version of Vagrant is available: 2.2.6 (installed version: 2.2.5)!\n", "2.2.5", false},
		{"/usr/lib/ruby/3.1.0/x.rb:1: warning: something 1.2.3\nVagrant 2.4.2.dev\n", "2.4.2", false},
		{"Vagrant 2.4\n", "2.4.0", false},
		{"Installed Version: 2.3.7\n", "2.3.7", false},
		{"command not found\n", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		v, err := parseVersion(tt.out)
		if (err != nil) != tt.wantErr {
			t.Errorf("parseVersion(%q) err = %v, wantErr %v", tt.out, err, tt.wantErr)
			continue
		}
		if err == nil && v.String() != tt.want {
			t.Errorf("parseVersion(%q) = %s, want %s", tt.out, v, tt.want)
		}
	}
}
