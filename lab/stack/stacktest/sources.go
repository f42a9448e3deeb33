package stacktest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Every payload a fake serves in place of Mesos, Marathon, Chronos,
// Mesos-DNS or ZooKeeper names where upstream writes it, in a file beside
// it called <payload>.source.txt. Free prose explains the payload; the
// lines that matter start with a kind and name one upstream place each:
//
//	route GET /master/slaves: m3scluster/clusterd@v1.11.0-0.9.0 src/master/master.cpp:997-1006
//	field slaves[].pid: m3scluster/clusterd@v1.11.0-0.9.0 src/master/readonly_handler.cpp:827-844
//	status 200: m3scluster/clusterd@v1.11.0-0.9.0 src/master/http.cpp:2015
//
// A kind is route or command (the endpoint or four-letter word that
// answers), field (a key or line the client reads), status (the HTTP
// code) or header; the place is owner/repository@ref, a path and a line
// or line range.
const SourceSuffix = ".source.txt"

// PayloadDirs are the directories, directly under a testdata directory,
// that hold payloads: one per upstream service, named after it, and
// workload/ for what mesos-execute and the agent's journal print. Nothing
// else in a testdata tree is a payload: golden/ and *.golden hold
// mesoslab's own output (renders, plans, timelines, CLI output), which
// the tests compare against rather than serve, and other files (the apt
// test keys, host transcripts) are not answers of the Mesos stack.
// Payloads and the workshop's loader refuse a file that has no source, so
// a payload put outside these directories fails as soon as a fake serves it.
var PayloadDirs = []string{"chronos", "marathon", "mesos", "mesos-dns", "workload", "zookeeper"}

var (
	sourceKinds = []string{"route", "command", "field", "status", "header"}
	// sourceLine is "<kind> <what>: <owner>/<repo>@<ref> <path>:<line>[-<line>]",
	// optionally more ", [<path>:]<line>" places of the same ref and a note
	// in parentheses.
	sourceLine = regexp.MustCompile(`^(route|command|field|status|header)\s+(\S.*?):\s+` +
		`[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+\s+` +
		`[A-Za-z0-9_./{}-]+:\d+(?:-\d+)?` +
		`(?:,\s*(?:[A-Za-z0-9_./{}-]+:)?\d+(?:-\d+)?)*` +
		`(?:\s+\(.*\))?$`)
)

// CheckSource reads the source file of the payload at path and says what
// is wrong with it: missing, a kind line that names no owner/repo@ref and
// path:line, no route or command line, or, for a JSON payload, no field.
func CheckSource(path string) error {
	b, err := os.ReadFile(path + SourceSuffix)
	return checkSourceText(path, b, err)
}

// checkSourceText checks the source file of the payload at path, read as
// b (or failing with err).
func checkSourceText(path string, b []byte, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: no %s beside it naming the upstream repository, path and line it follows", path, SourceSuffix)
	}
	if err != nil {
		return err
	}
	kinds := map[string]int{}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		kind, _, _ := strings.Cut(line, " ")
		if !slices.Contains(sourceKinds, kind) {
			continue // prose
		}
		if !sourceLine.MatchString(line) {
			return fmt.Errorf("%s%s:%d: %q is not \"%s <what>: <owner>/<repo>@<ref> <path>:<line>\"", path, SourceSuffix, i+1, line, kind)
		}
		kinds[kind]++
	}
	if kinds["route"]+kinds["command"] == 0 {
		return fmt.Errorf("%s%s: names no route or command line for the endpoint that answers", path, SourceSuffix)
	}
	if strings.HasSuffix(path, ".json") && kinds["field"] == 0 {
		return fmt.Errorf("%s%s: a JSON payload names no field line", path, SourceSuffix)
	}
	return nil
}

// CheckSources walks a testdata directory and lists every payload (a
// file under one of PayloadDirs) whose source is missing or malformed,
// and every source file whose payload is gone.
func CheckSources(testdata string) []error {
	var errs []error
	for _, dir := range PayloadDirs {
		root := filepath.Join(testdata, dir)
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if payload, ok := strings.CutSuffix(path, SourceSuffix); ok {
				if _, err := os.Stat(payload); err != nil {
					errs = append(errs, fmt.Errorf("%s: names the source of %s, which does not exist", path, payload))
				}
				return nil
			}
			if err := CheckSource(path); err != nil {
				errs = append(errs, err)
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errs
}

// ReadPayload reads a payload file for a fake to serve, failing the test
// if it has no upstream source.
func ReadPayload(t testing.TB, path string) []byte {
	t.Helper()
	if err := CheckSource(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
