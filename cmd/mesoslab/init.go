package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/urfave/cli/v2"
)

func initCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "write a commented mesoslab.yaml with every default",
		ArgsUsage: " ",
		Description: "Writes the lab directory's mesoslab.yaml (or --out PATH, - for standard output).\n" +
			"Topology flags (--masters, --provider, ...) set the values written.",
		Flags: append(topologyFlags(),
			&cli.StringFlag{Name: "out", Usage: "write the file here instead of the lab directory"},
			&cli.BoolFlag{Name: "force", Usage: "overwrite an existing file"}),
		Action: func(c *cli.Context) error {
			home, err := lab.Home(s.getenv)
			if err != nil {
				return err
			}
			// init starts from the defaults, not from an existing file.
			spec := config.Default()
			if name := s.common(c, "lab"); name != "" {
				spec.Name = name
			}
			flagOverrides(c).Apply(&spec)
			if spec, err = lab.AvoidCollisions(home, spec, c.IsSet); err != nil {
				return err
			}
			if _, err := config.NewPlan(spec); err != nil {
				return err
			}
			data, err := config.InitFile(spec)
			if err != nil {
				return err
			}
			path := c.String("out")
			if path == "-" {
				_, err := s.Out.Write(data)
				return err
			}
			if path == "" {
				path = lab.DirFor(home, spec.Name).Config()
			} else if err := existingFolder("--out", filepath.Dir(path)); err != nil {
				return err
			}
			if st, err := os.Stat(path); err == nil && st.IsDir() {
				return usagef("--out %s is a folder: name the file, e.g. %s", path, filepath.Join(path, "mesoslab.yaml"))
			} else if err == nil && !c.Bool("force") {
				return usagef("%s exists: edit it, or pass --force to replace it with the defaults", path)
			} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			if err := lab.WriteFileAtomic(path, data, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(s.Out, "wrote %s\nedit it, then run `mesoslab plan` to check it and `mesoslab up` to build the lab\n", path)
			return nil
		},
	}
}
