package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

// versionInfo is what `mesoslab version` reports.
type versionInfo struct {
	Version string `json:"version"`
	Commit  string `json:"commit,omitempty"`
	Go      string `json:"go"`
	OS      string `json:"os"`
	Arch    string `json:"arch"`
}

// version is set at release time with -ldflags "-X main.version=v1.2.3".
var version = ""

func buildVersion() versionInfo {
	v := versionInfo{Version: version, Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v.Commit = s.Value[:12]
			}
		}
	}
	if v.Version == "" {
		v.Version = "dev"
	}
	return v
}

func init() {
	// `mesoslab --version` prints what `mesoslab version` prints; -v stays
	// --verbose, so the flag has no short alias.
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Usage: "print mesoslab's version", DisableDefaultText: true}
	cli.VersionPrinter = func(c *cli.Context) {
		asJSON, _ := outputJSON(c)
		_ = printVersion(c.App.Writer, asJSON)
	}
}

func versionCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "version",
		Usage:     "print mesoslab's version (also: mesoslab --version)",
		ArgsUsage: " ",
		Action: func(c *cli.Context) error {
			asJSON, err := outputJSON(c)
			if err != nil {
				return err
			}
			return printVersion(s.Out, asJSON)
		},
	}
}

// printVersion writes the version as one line or one JSON document.
func printVersion(w io.Writer, asJSON bool) error {
	v := buildVersion()
	if asJSON {
		return json.NewEncoder(w).Encode(v)
	}
	commit := ""
	if v.Commit != "" {
		commit = " (" + v.Commit + ")"
	}
	_, err := fmt.Fprintf(w, "mesoslab %s%s %s %s/%s\n", v.Version, commit, v.Go, v.OS, v.Arch)
	return err
}
