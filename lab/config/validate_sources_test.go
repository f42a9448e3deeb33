package config

import (
	"errors"
	"strings"
	"testing"
)

// mesosDNSProblems validates s with the Mesos-DNS source m and returns the
// problems about sources.mesos_dns.
func mesosDNSProblems(t *testing.T, m MesosDNSSource) []Problem {
	t.Helper()
	s := Default()
	s.Sources.MesosDNS = m
	err := Validate(s)
	if err == nil {
		return nil
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate() = %v, want a *ValidationError", err)
	}
	var out []Problem
	for _, p := range ve.Problems {
		if strings.HasPrefix(p.Key, "sources.mesos_dns") {
			out = append(out, p)
		}
	}
	return out
}

func TestValidateMesosDNSSourceAccepts(t *testing.T) {
	for _, m := range []MesosDNSSource{
		DefaultSources().MesosDNS,
		{Package: "mesos-dns", Version: "0.9.0"},
		{Package: "mesos-dns", Version: "0.9.0-1.debian12"},
		{Package: "mesos-dns", Version: "1:0.10.1-1.debian12"},
		{Package: "mesos-dns", Version: "0.7.0-1"},
		{URL: MesosDNSReleaseURL, Version: MesosDNSReleaseVersion},
		{URL: MesosDNSReleaseURL, Version: "0.7.0-rc1"},
		{URL: MesosDNSReleaseURL, Version: "v0.7.0"},
		{URL: "https://mirror.example/mesos-dns-{version}-{arch}", Version: "0.10.1"},
	} {
		if ps := mesosDNSProblems(t, m); len(ps) > 0 {
			t.Errorf("%+v refused: %v", m, ps)
		}
	}
}

// TestValidateMesosDNSSourceRefuses wants each bad source refused with its
// key, its value, the reason and a fix. Mesos-DNS before 0.7 polls
// /master/state.json (records/generator.go:150 at mesos-dns v0.6.0), which
// Mesos 1.8 removed (apache/mesos commit 42551cb52).
func TestValidateMesosDNSSourceRefuses(t *testing.T) {
	tests := []struct {
		name      string
		m         MesosDNSSource
		key, val  string
		msg, fix  []string
		forbidden string
	}{
		{"old release", MesosDNSSource{URL: MesosDNSReleaseURL, Version: "0.6.0"}, "sources.mesos_dns.version", "0.6.0",
			[]string{"older than 0.7 polls /master/state.json, which Mesos removed in 1.8", "NXDOMAIN"},
			[]string{"set sources.mesos_dns.version to 0.7.0-rc2 or later", "remove url and version to install AVENTER's mesos-dns package"}, ""},
		{"old release with v", MesosDNSSource{URL: MesosDNSReleaseURL, Version: "v0.5.2"}, "sources.mesos_dns.version", "v0.5.2",
			[]string{"/master/state.json"}, []string{"0.7.0-rc2 or later"}, ""},
		{"old package", MesosDNSSource{Package: "mesos-dns", Version: "0.6.0-1"}, "sources.mesos_dns.version", "0.6.0-1",
			[]string{"older than 0.7 polls /master/state.json"}, []string{"0.7 or later", "or leave it empty for the newest"}, "remove url"},
		{"release without version", MesosDNSSource{URL: MesosDNSReleaseURL}, "sources.mesos_dns.version", "",
			[]string{"the release URL needs the version it downloads"}, []string{"set sources.mesos_dns.version, such as 0.7.0-rc2"}, ""},
		{"release with a name for a version", MesosDNSSource{URL: MesosDNSReleaseURL, Version: "latest"}, "sources.mesos_dns.version", "latest",
			[]string{"not a version that can be compared with 0.7"}, []string{"0.7.0-rc2 or later"}, ""},
		{"both sources", MesosDNSSource{Package: "mesos-dns", URL: MesosDNSReleaseURL, Version: "0.7.0-rc2"}, "sources.mesos_dns",
			"package mesos-dns, url " + MesosDNSReleaseURL,
			[]string{"names two sources"}, []string{"keep package", "or url", "remove the other"}, ""},
		{"no source", MesosDNSSource{}, "sources.mesos_dns.package", "",
			[]string{"Mesos-DNS has no source"}, []string{"set package: mesos-dns, or url and version"}, ""},
		{"package with shell", MesosDNSSource{Package: "mesos-dns;id"}, "sources.mesos_dns.package", "mesos-dns;id",
			[]string{"not allowed"}, []string{"mesos-dns"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := mesosDNSProblems(t, tt.m)
			if len(ps) != 1 {
				t.Fatalf("want one problem, got %v", ps)
			}
			p := ps[0]
			if p.Key != tt.key || p.Value != tt.val {
				t.Errorf("problem names %s = %q, want %s = %q", p.Key, p.Value, tt.key, tt.val)
			}
			for _, w := range tt.msg {
				if !strings.Contains(p.Message, w) {
					t.Errorf("message %q lacks %q", p.Message, w)
				}
			}
			for _, w := range tt.fix {
				if !strings.Contains(p.Fix, w) {
					t.Errorf("fix %q lacks %q", p.Fix, w)
				}
			}
			if tt.forbidden != "" && strings.Contains(p.Fix, tt.forbidden) {
				t.Errorf("fix %q says %q", p.Fix, tt.forbidden)
			}
		})
	}
}

// TestDecodeMesosDNSSource: a mesos_dns mapping that names one source
// switches to it, so the default package does not linger beside a URL; a
// file from an older mesoslab init (0.6.0 from the release URL) is then
// refused for its version, not for naming two sources.
func TestDecodeMesosDNSSource(t *testing.T) {
	release := Default()
	release.Sources.MesosDNS = MesosDNSSource{URL: MesosDNSReleaseURL, Version: MesosDNSReleaseVersion}
	tests := []struct {
		name string
		base Spec
		yaml string
		want MesosDNSSource
	}{
		{"url and version", Default(), "sources:\n  mesos_dns:\n    url: " + MesosDNSReleaseURL + "\n    version: 0.7.0-rc2\n",
			MesosDNSSource{URL: MesosDNSReleaseURL, Version: "0.7.0-rc2"}},
		{"package over a release", release, "sources:\n  mesos_dns:\n    package: mesos-dns\n    version: \"\"\n",
			MesosDNSSource{Package: "mesos-dns"}},
		{"version only keeps the source", Default(), "sources:\n  mesos_dns:\n    version: 0.9.0\n",
			MesosDNSSource{Package: "mesos-dns", Version: "0.9.0"}},
		{"both named stay both", Default(), "sources:\n  mesos_dns:\n    package: mesos-dns\n    url: " + MesosDNSReleaseURL + "\n",
			MesosDNSSource{Package: "mesos-dns", URL: MesosDNSReleaseURL}},
		{"other sources leave it alone", release, "sources:\n  marathon:\n    image: mesosphere/marathon:v1.10.0\n",
			release.Sources.MesosDNS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeConfig("test.yaml", []byte(tt.yaml), tt.base)
			if err != nil {
				t.Fatal(err)
			}
			if got.Sources.MesosDNS != tt.want {
				t.Errorf("mesos_dns = %+v, want %+v", got.Sources.MesosDNS, tt.want)
			}
		})
	}

	old := "sources:\n  mesos_dns:\n    version: \"0.6.0\"\n    # {version} and {arch} are filled in on the node.\n" +
		"    url: https://github.com/mesosphere/mesos-dns/releases/download/v{version}/mesos-dns-v{version}-linux-{arch}\n"
	s, err := DecodeConfig("old.yaml", []byte(old), Default())
	if err != nil {
		t.Fatal(err)
	}
	err = Validate(s)
	if err == nil || !strings.Contains(err.Error(), `sources.mesos_dns.version = "0.6.0": Mesos-DNS older than 0.7 polls /master/state.json`) ||
		strings.Contains(err.Error(), "names two sources") {
		t.Errorf("an old file's Mesos-DNS 0.6.0: %v", err)
	}

	bad := "sources:\n  mesos_dns:\n    url: [1, 2]\n"
	if _, err := DecodeConfig("bad.yaml", []byte(bad), Default()); err == nil || !strings.Contains(err.Error(), "sources.mesos_dns.url") {
		t.Errorf("a wrong type under mesos_dns: %v", err)
	}
}

func TestValidateDockerMirror(t *testing.T) {
	for _, tc := range []struct {
		mirror string
		ok     bool
	}{
		{"", true},
		{"http://192.168.56.1:5000", true},
		{"https://mirror.example:443/", true},
		{"192.168.56.1:5000", false},
		{"http://x; rm -rf /", false},
	} {
		s := Default()
		s.Sources.Docker.Mirror = tc.mirror
		err := Validate(s)
		var ve *ValidationError
		switch {
		case tc.ok && err != nil:
			t.Errorf("mirror %q refused: %v", tc.mirror, err)
		case !tc.ok && (!errors.As(err, &ve) || ve.Problems[0].Key != "sources.docker.mirror" || ve.Problems[0].Fix == ""):
			t.Errorf("mirror %q: %v; want a problem under sources.docker.mirror with a fix", tc.mirror, err)
		}
	}
}
