package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/mesoslab/mesoslab/lab"
	"github.com/urfave/cli/v2"
)

func renderCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "render",
		Usage:     "print the lab's Vagrantfile, or write it with --out DIR",
		ArgsUsage: " ",
		Flags: append(topologyFlags(),
			&cli.StringFlag{Name: "out", Usage: "write DIR/Vagrantfile instead of printing it"}),
		Action: func(c *cli.Context) error {
			o, err := s.openOptions(c)
			if err != nil {
				return err
			}
			l, err := lab.Open(c.Context, o)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := l.RenderVagrantfile(&buf); err != nil {
				return err
			}
			dir := c.String("out")
			if dir == "" {
				_, err := s.Out.Write(buf.Bytes())
				return err
			}
			if err := existingFolder("--out", dir); err != nil {
				return err
			}
			path := filepath.Join(dir, "Vagrantfile")
			if err := lab.WriteFileAtomic(path, buf.Bytes(), 0o644); err != nil {
				return err
			}
			fmt.Fprintln(s.Err, "wrote", path)
			return nil
		},
	}
}

// existingFolder refuses an --out folder that does not exist: creating it
// would turn a typo into a new folder, at / even.
func existingFolder(flag, dir string) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usagef("%s: the folder %s does not exist: check the path, or create it first (mkdir -p %s)", flag, dir, dir)
	case err != nil:
		return usagef("%s: %v", flag, err)
	case !st.IsDir():
		return usagef("%s: %s is not a folder: name an existing folder", flag, dir)
	}
	return nil
}
