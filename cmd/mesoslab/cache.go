package main

import (
	"encoding/json"
	"github.com/dustin/go-humanize"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mesoslab/mesoslab/cmd/mesoslab/output"
	"github.com/mesoslab/mesoslab/lab"
	"github.com/mesoslab/mesoslab/lab/cache"
	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/provision"
	"github.com/urfave/cli/v2"
)

func cacheCommand(s streams) *cli.Command {
	kind := &cli.StringFlag{Name: "kind", Usage: "only this kind: " + kindList()}
	cmd := &cli.Command{
		Name:  "cache",
		Usage: "the lab cache in $MESOSLAB_HOME/cache: what nodes downloaded, reused by the next lab and handed out as one file",
		Subcommands: []*cli.Command{
			{Name: "list", Usage: "every cached file: kind, name, size, sha256 and when it was added", ArgsUsage: " ",
				Flags: []cli.Flag{kind}, Action: func(c *cli.Context) error { return cacheList(c, s) }},
			{Name: "size", Usage: "bytes and entries per kind and in all", ArgsUsage: " ",
				Action: func(c *cli.Context) error { return cacheSize(c, s) }},
			{Name: "clear", Usage: "remove every cached file, or those of --kind", ArgsUsage: " ",
				Flags: []cli.Flag{kind}, Action: func(c *cli.Context) error { return cacheClear(c, s) }},
			{Name: "export", Usage: "write the cache and the lab's Vagrant box as one .tar.gz to hand out", ArgsUsage: "FILE.tar.gz",
				Flags:  []cli.Flag{&cli.BoolFlag{Name: "force", Usage: "overwrite FILE if it exists"}},
				Action: func(c *cli.Context) error { return cacheExport(c, s) }},
			{Name: "import", Usage: "add what an exported archive holds to the cache, and its box to Vagrant", ArgsUsage: "FILE.tar.gz",
				Action: func(c *cli.Context) error { return cacheImport(c, s) }},
		},
	}
	// -o json and the other common flags after the subcommand too.
	for _, sub := range cmd.Subcommands {
		sub.Flags = append(sub.Flags, commonFlags()...)
	}
	return cmd
}

// openCache opens $MESOSLAB_HOME/cache and reads --output, after checking
// --kind (see kinds) where the command has it.
func openCache(c *cli.Context, s streams) (*cache.Store, bool, *output.Printer, error) {
	if _, err := kinds(c); err != nil {
		return nil, false, nil, err
	}
	asJSON, err := outputJSON(c)
	if err != nil {
		return nil, false, nil, err
	}
	home, err := lab.Home(s.getenv)
	if err != nil {
		return nil, false, nil, err
	}
	st, err := cache.Open(cache.Dir(home))
	return st, asJSON, output.NewPrinter(s.Out, output.Smart(s.Out, s.getenv)), err
}

// kinds reads --kind, checked against the cache's kinds.
func kinds(c *cli.Context) ([]provision.CacheKind, error) {
	k := c.String("kind")
	if k == "" {
		return nil, nil
	}
	for _, known := range cache.Kinds {
		if string(known) == k {
			return []provision.CacheKind{known}, nil
		}
	}
	return nil, config.AsError([]config.Problem{{Key: "--kind", Value: k, Message: "no cache kind is called that",
		Fix: "use " + kindList()}})
}

// kindList names the cache's kinds as a sentence ("a, b or c").
func kindList() string {
	names := make([]string, len(cache.Kinds))
	for i, k := range cache.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func encodeJSON(s streams, v any) error {
	enc := json.NewEncoder(s.Out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func cacheList(c *cli.Context, s streams) error {
	st, asJSON, pr, err := openCache(c, s)
	if err != nil {
		return err
	}
	ks, _ := kinds(c) // checked by openCache
	list, err := st.List(c.Context, ks...)
	if err != nil {
		return err
	}
	if list == nil {
		list = []cache.Entry{}
	}
	if asJSON {
		return encodeJSON(s, struct {
			Dir     string        `json:"dir"`
			Entries []cache.Entry `json:"entries"`
		}{st.Path(), list})
	}
	if len(list) == 0 {
		pr.Printf("the cache in %s is empty: `mesoslab up` fills it, `mesoslab cache import FILE` adds a handed-out archive\n", st.Path())
		return nil
	}
	rows := [][]cell{{{text: "KIND"}, {text: "NAME"}, {text: "SIZE"}, {text: "SHA256"}, {text: "ADDED"}}}
	for _, e := range list {
		rows = append(rows, []cell{{text: string(e.Kind)}, {text: e.Name}, {text: humanize.IBytes(uint64(e.Size))},
			{text: e.SHA256[:12]}, {text: e.Added.Local().Format("2006-01-02 15:04")}})
	}
	printTable(pr, rows)
	return nil
}

func cacheSize(c *cli.Context, s streams) error {
	st, asJSON, pr, err := openCache(c, s)
	if err != nil {
		return err
	}
	sz, err := st.Size(c.Context)
	if err != nil {
		return err
	}
	if asJSON {
		return encodeJSON(s, struct {
			Dir string `json:"dir"`
			cache.Sizes
		}{st.Path(), sz})
	}
	rows := [][]cell{{{text: "KIND"}, {text: "ENTRIES"}, {text: "SIZE"}}}
	for _, k := range sz.Kinds {
		rows = append(rows, []cell{{text: string(k.Kind)}, {text: strconv.Itoa(k.Entries)}, {text: humanize.IBytes(uint64(k.Bytes))}})
	}
	rows = append(rows, []cell{{text: "total"}, {text: strconv.Itoa(sz.Entries)}, {text: humanize.IBytes(uint64(sz.Bytes))}})
	printTable(pr, rows)
	pr.Printf("%s %s\n", pr.Faint("cache:"), st.Path())
	return nil
}

func cacheClear(c *cli.Context, s streams) error {
	st, asJSON, pr, err := openCache(c, s)
	if err != nil {
		return err
	}
	ks, _ := kinds(c) // checked by openCache
	freed, err := st.Clear(c.Context, ks...)
	if err != nil {
		return err
	}
	if asJSON {
		return encodeJSON(s, freed)
	}
	pr.Printf("removed %d cached files (%s)\n", freed.Entries, humanize.IBytes(uint64(freed.Bytes)))
	return nil
}

func cacheExport(c *cli.Context, s streams) error {
	if c.NArg() != 1 {
		return usagef("cache export needs one archive to write, e.g. `mesoslab cache export workshop-cache.tar.gz`")
	}
	path := c.Args().First()
	if err := lab.CheckExportPath(path, "workshop-cache.tar.gz", c.Bool("force")); err != nil {
		return err
	}
	l, err := openLab(c, s, lab.Open)
	if err != nil {
		return err
	}
	st, asJSON, pr, err := openCache(c, s)
	if err != nil {
		return err
	}
	o := cache.ExportOptions{VagrantHome: vagrantHome(s)}
	if l.Plan.Spec.Provider == config.DefaultProvider {
		o.Box, o.BoxVersion = l.Plan.Spec.Box, l.Plan.Spec.BoxVersion
	}
	res, err := st.ExportFile(c.Context, path, o)
	if err != nil {
		return err
	}
	if asJSON {
		return encodeJSON(s, res)
	}
	pr.Printf("%s %s: %d cached files (%s)\n", pr.Bold("wrote"), res.Path, res.Entries, humanize.IBytes(uint64(res.Bytes)))
	switch {
	case res.Box != "":
		pr.Printf("%s box %s (%s)\n", pr.Mark(output.OK), res.Box, humanize.IBytes(uint64(res.BoxBytes)))
	case o.Box != "":
		pr.Printf("%s box %s is not downloaded, so it is not in the archive: `vagrant box add %s --provider virtualbox` first\n", pr.Mark(output.Warn), o.Box, o.Box)
	}
	pr.Printf("on each laptop: `mesoslab cache import %s`\n", filepath.Base(res.Path))
	return nil
}

func cacheImport(c *cli.Context, s streams) error {
	if c.NArg() != 1 {
		return usagef("cache import needs one archive to read, e.g. `mesoslab cache import workshop.tar.gz`")
	}
	path := c.Args().First()
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		return config.AsError([]config.Problem{{Key: "FILE", Value: path, Message: "no such archive",
			Fix: "name the file `mesoslab cache export` wrote"}})
	}
	st, asJSON, pr, err := openCache(c, s)
	if err != nil {
		return err
	}
	res, err := st.ImportFile(c.Context, path, cache.ImportOptions{VagrantHome: vagrantHome(s)})
	if err != nil {
		return err
	}
	if asJSON {
		return encodeJSON(s, res)
	}
	pr.Printf("%s %d cached files (%s) into %s\n", pr.Bold("imported"), res.Entries, humanize.IBytes(uint64(res.Bytes)), st.Path())
	switch {
	case res.Box != "" && res.BoxNote != "":
		pr.Printf("%s box %s: %s\n", pr.Mark(output.Warn), res.Box, res.BoxNote)
	case res.Box != "":
		pr.Printf("%s box %s is in %s: `vagrant box list` shows it\n", pr.Mark(output.OK), res.Box, res.BoxPlaced)
	}
	return nil
}

// vagrantHome is Vagrant's folder as this invocation's environment says.
func vagrantHome(s streams) string {
	if h := s.getenv("VAGRANT_HOME"); h != "" {
		return h
	}
	if h := s.getenv("HOME"); h != "" {
		return filepath.Join(h, ".vagrant.d")
	}
	h, _ := cache.VagrantHome(s.getenv)
	return h
}
