package lab

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mesoslab/mesoslab/lab/config"
	"github.com/mesoslab/mesoslab/lab/health"
	"github.com/mesoslab/mesoslab/provision"
	"golang.org/x/sync/errgroup"
)

// ExportOptions tune ExportLogs.
type ExportOptions struct {
	// Path is the archive to write, FILE.tar.gz.
	Path string
	// Force overwrites an existing Path.
	Force bool
	// Probe runs the verify probes once; nil probes the lab as `mesoslab
	// verify` does.
	Probe func(ctx context.Context) health.Report
	// Now stamps the entries and the summary; nil means time.Now.
	Now func() time.Time
}

// NodeExport is what an export gathered from one node.
type NodeExport struct {
	Node string `json:"node"`
	// Unreachable says why nothing could be read from the node; empty
	// when the node answered.
	Unreachable string `json:"unreachable,omitempty"`
	// Problems lists what the node answered with an error (a file not
	// there yet, a journal that could not be read).
	Problems []string `json:"problems,omitempty"`
}

// ExportResult says what ExportLogs wrote.
type ExportResult struct {
	Path    string       `json:"path"`
	Entries []string     `json:"entries"`
	Nodes   []NodeExport `json:"nodes"`
}

// Missing names the nodes that could not be reached.
func (r ExportResult) Missing() []string {
	var out []string
	for _, n := range r.Nodes {
		if n.Unreachable != "" {
			out = append(out, n.Node)
		}
	}
	return out
}

// CheckExportPath refuses an archive path that exists (unless force) or
// whose folder does not, before anything is gathered. example is a file
// name the fixes offer, the caller's own (lab-logs.tar.gz for the logs,
// workshop-cache.tar.gz for the cache): both exports share these checks.
func CheckExportPath(path, example string, force bool) error {
	bad := func(msg, fix string) error {
		return config.AsError([]config.Problem{{Key: "FILE", Value: path, Message: msg, Fix: fix}})
	}
	if path == "" {
		return bad("no archive named", "name the archive to write, such as "+example)
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return bad("its folder "+dir+" does not exist", "create the folder first, or name a file in an existing one")
	}
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return bad("is a folder", "name a file such as "+filepath.Join(path, example))
	case err == nil && !force:
		return bad("already exists", "pass --force to overwrite it, or name another file")
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return bad(err.Error(), "name a file you can write")
	}
	return nil
}

// logsArchiveExample is the archive name a logs export suggests.
const logsArchiveExample = "lab-logs.tar.gz"

// ExportLogs writes one gzip'd tar of everything a bug report about the lab
// needs: for each node a folder with the journal of every lab unit
// (journal-UNIT.log), a copy of every file mesoslab wrote there (files/...),
// `dpkg -l` of the lab's packages, `free -m` and the node's verify checks;
// the whole verify report; and the lab directory's own files (logs/,
// lab.json, Vagrantfile, mesoslab.yaml). A node that cannot be reached gets
// an error.txt saying why, and the export still completes. The archive is
// written beside Path and renamed into place, so an interrupted export
// leaves none.
func ExportLogs(ctx context.Context, sh NodeShell, d Dir, p *config.Plan, o ExportOptions) (ExportResult, error) {
	if err := CheckExportPath(o.Path, logsArchiveExample, o.Force); err != nil {
		return ExportResult{}, err
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	probe := o.Probe
	if probe == nil {
		t, prober := healthTarget(p), &health.Prober{}
		probe = func(ctx context.Context) health.Report { return prober.Probe(ctx, t) }
	}
	bundles := make([]nodeBundle, len(p.Nodes))
	var rep health.Report
	g := errgroup.Group{}
	g.SetLimit(5)
	g.Go(func() error { rep = probe(ctx); return nil })
	for i, n := range p.Nodes {
		g.Go(func() error { bundles[i] = gatherNode(ctx, sh, p, n.Name); return nil })
	}
	g.Wait()
	if err := ctx.Err(); err != nil {
		return ExportResult{}, fmt.Errorf("logs export: %w", err)
	}

	a, err := createArchive(o.Path, now())
	if err != nil {
		return ExportResult{}, err
	}
	defer a.abort()
	res := ExportResult{Path: o.Path}
	a.add("verify.txt", verifyText(p.Spec.Name, rep, ""))
	a.addJSON("verify.json", rep)
	for _, b := range bundles {
		for _, e := range b.entries {
			a.add(b.node+"/"+e.name, e.data)
		}
		a.add(b.node+"/verify.txt", verifyText(p.Spec.Name, rep, b.node))
		if text := b.errorText(); text != "" {
			a.add(b.node+"/error.txt", []byte(text))
		}
		res.Nodes = append(res.Nodes, b.NodeExport)
	}
	// Last, so that the node logs hold this export's own commands.
	for _, f := range labFiles(d) {
		data, err := os.ReadFile(f)
		if err != nil {
			continue // a lab file that is not there (yet) is no part of it
		}
		rel, _ := filepath.Rel(d.Root, f)
		a.add("lab/"+filepath.ToSlash(rel), data)
	}
	a.add("summary.txt", []byte(exportSummary(p, res, now())))
	res.Entries = a.names
	if err := a.commit(); err != nil {
		return ExportResult{}, err
	}
	return res, nil
}

// labFiles lists the lab directory's files that go into an export.
func labFiles(d Dir) []string {
	files := []string{d.ResolvedSpec(), d.Vagrantfile(), d.Config()}
	logs, _ := filepath.Glob(filepath.Join(d.Logs(), "*.log"))
	return append(files, logs...)
}

// exportSummary says in a few lines what the archive holds.
func exportSummary(p *config.Plan, res ExportResult, at time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "mesoslab logs export of lab %s (%s), %s\n\n", p.Spec.Name, p.Spec.Provider, at.UTC().Format(time.RFC3339))
	for _, n := range res.Nodes {
		switch {
		case n.Unreachable != "":
			fmt.Fprintf(&b, "%-10s missing: %s\n", n.Node, n.Unreachable)
		case len(n.Problems) > 0:
			fmt.Fprintf(&b, "%-10s gathered, %d problems (see %s/error.txt)\n", n.Node, len(n.Problems), n.Node)
		default:
			fmt.Fprintf(&b, "%-10s gathered\n", n.Node)
		}
	}
	return b.String()
}

// verifyText renders the verify report, or only a node's checks, one per
// line with its fix, as `mesoslab verify` lists them.
func verifyText(labName string, rep health.Report, node string) []byte {
	var b strings.Builder
	n := 0
	for _, c := range rep.Checks {
		if node != "" && !strings.HasSuffix(c.ID, "/"+node) {
			continue
		}
		n++
		fmt.Fprintf(&b, "%-4s %-22s %s\n", c.Status, c.ID, c.Finding)
		if c.Fix != "" && c.Status != health.StatusOK {
			fmt.Fprintf(&b, "     fix: %s\n", c.Fix)
		}
	}
	head := fmt.Sprintf("verify of lab %s at %s: %d checks", labName, rep.Started.UTC().Format(time.RFC3339), n)
	if node != "" {
		head += " on " + node
	}
	if n == 0 {
		head += " (none probes this node)"
	}
	return []byte(head + "\n\n" + b.String())
}

// provisionResultText is what a command printed, both streams.
func provisionResultText(res provision.Result) []byte {
	out := append([]byte(nil), res.Stdout...)
	if len(res.Stderr) > 0 {
		out = append(out, res.Stderr...)
	}
	return out
}
