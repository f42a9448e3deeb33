package doctor

import (
	"testing"

	"github.com/hashicorp/go-version"
)

func TestParseVBoxVersion(t *testing.T) {
	tests := []struct {
		file     string
		want     string
		warnings int
	}{
		{"oracle-7.2.6.txt", "7.2.6", 0},
		{"oracle-7.1.4.txt", "7.1.4", 0},
		{"ubuntu-7.1.4.txt", "7.1.4", 0},
		{"debian-6.1.50.txt", "6.1.50", 0},
		{"ose-7.0.20.txt", "7.0.20", 0},
		{"debian-4.3.36.txt", "4.3.36", 0},
		{"oracle-7.3.0.txt", "7.3.0", 0},
		{"warning-vboxdrv-not-loaded-7.0.14.txt", "7.0.14", 1},
		{"warning-logname-7.0.18.txt", "7.0.18", 1},
		{"warning-no-dev-vboxdrv-5.2.34.txt", "5.2.34", 1},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			v, warnings, err := parseVBoxVersion(td(t, "vboxmanage-version/"+tt.file))
			if err != nil {
				t.Fatal(err)
			}
			// Without the extraction go-version reads 7.0.14r161095 as a
			// prerelease, which no plain constraint accepts.
			if v.String() != tt.want || v.Prerelease() != "" {
				t.Errorf("version = %s (prerelease %q), want %s", v, v.Prerelease(), tt.want)
			}
			if len(warnings) != tt.warnings {
				t.Errorf("warnings = %q, want %d", warnings, tt.warnings)
			}
		})
	}
	for _, bad := range []string{"", "WARNING: only a warning\n", "Oracle VM VirtualBox Command Line Management Interface\n"} {
		if v, _, err := parseVBoxVersion(bad); err == nil {
			t.Errorf("parseVBoxVersion(%q) = %s, want an error", bad, v)
		}
	}
}

func TestParseVBoxVersionKeepsWarningText(t *testing.T) {
	_, w, _ := parseVBoxVersion(td(t, "vboxmanage-version/warning-no-dev-vboxdrv-5.2.34.txt"))
	if len(w) != 1 || w[0] != "WARNING: The character device /dev/vboxdrv does not exist. Please install the virtualbox-dkms package and the appropriate headers, most likely linux-headers-generic. You will not be able to start VMs until this problem is fixed." {
		t.Errorf("warning = %q", w)
	}
}

func TestParseVagrantVersion(t *testing.T) {
	tests := map[string]string{
		"2.4.9.txt":                 "2.4.9",
		"2.4.1.txt":                 "2.4.1",
		"2.3.4-debian.txt":          "2.3.4",
		"2.3.2.txt":                 "2.3.2",
		"2.2.19-windows-crlf.txt":   "2.2.19",
		"2.4.7-update-notice.txt":   "2.4.7",
		"2.4.2-version-command.txt": "2.4.2",
	}
	for file, want := range tests {
		v, err := parseVagrantVersion(td(t, "vagrant-version/"+file))
		if err != nil || v.String() != want {
			t.Errorf("%s: %v, %v; want %s", file, v, err, want)
		}
	}
	if _, err := parseVagrantVersion("vagrant: command not found"); err == nil {
		t.Error("want an error for output without a version")
	}
}

func TestVagrantForVirtualBox(t *testing.T) {
	tests := []struct{ vbox, want string }{
		{"6.1.50", "2.2.7"}, {"7.0.14", "2.3.2"}, {"7.1.0", "2.4.2"}, {"7.1.4", "2.4.2"}, {"7.2.6", "2.4.9"},
		{"7.3.0", ""}, {"5.2.34", ""},
	}
	for _, tt := range tests {
		got, err := vagrantFor(version.Must(version.NewVersion(tt.vbox)))
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("VirtualBox %s: got Vagrant %s, want unknown", tt.vbox, got)
		case tt.want != "" && (err != nil || got.String() != tt.want):
			t.Errorf("VirtualBox %s: got %v, %v; want %s", tt.vbox, got, err, tt.want)
		}
	}
}

func TestVBoxSupport(t *testing.T) {
	tests := map[string]Status{"4.3.36": StatusFail, "6.0.24": StatusFail, "6.1.50": StatusWarn, "7.0.20": StatusOK,
		"7.1.4": StatusOK, "7.2.6": StatusOK, "7.3.0": StatusWarn}
	for v, want := range tests {
		if got, _ := vboxSupport(version.Must(version.NewVersion(v))); got != want {
			t.Errorf("VirtualBox %s: %s, want %s", v, got, want)
		}
	}
}
